#pragma once
// Builds a scenario's adversary for one run. The attacker's randomness is the named stream
// "adversary"; a seed-aware attacker is given the seed of the router it targets (the router under
// test unless adversary.target names another).
#include <memory>

#include "routers/router_registry.hpp"
#include "scenarios/adversaries/adversary.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab {

std::unique_ptr<Adversary> make_adversary(const ScenarioSpec& scenario, const RouterSpec& router_under_test,
                                          std::uint64_t replication, const RouterRegistry& registry);

}  // namespace routelab
