#pragma once
// Builds a scenario's adversary for one run. The attacker's randomness is the named stream
// "adversary"; a seed-aware attacker is given the seed of the router it targets (the router under
// test unless adversary.target names another).
#include <memory>

#include "routers/router_registry.hpp"
#include "scenarios/adversaries/adversary.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab {

// The attacker of the run the attack is measured against: none (the benign stream alone) for every
// kind but phase_structure, whose baseline is the same attacker with uniform_random degrees.
std::unique_ptr<Adversary> make_baseline_adversary(const ScenarioSpec& scenario, std::uint64_t replication);

// phase_structure's degree pattern over a ring of `num_experts` (rows are set per batch).
DegreePatternSpec phase_structure_pattern(const AdversarySpec& spec, int num_experts, DegreePattern pattern);

std::unique_ptr<Adversary> make_adversary(const ScenarioSpec& scenario, const RouterSpec& router_under_test,
                                          std::uint64_t replication, const RouterRegistry& registry);

}  // namespace routelab
