#include "scenarios/adversaries/adversary_factory.hpp"

#include <boost/random/uniform_int_distribution.hpp>

#include "core/errors.hpp"
#include "scenarios/adversaries/collision_adversary.hpp"
#include "scenarios/adversaries/hot_flood_adversary.hpp"
#include "scenarios/adversaries/phase_structure_adversary.hpp"
#include "scenarios/adversaries/probe_adversary.hpp"
#include "scenarios/adversaries/routing_model.hpp"

namespace routelab {

namespace {

RouterSpec targeted_router(const ScenarioSpec& scenario, const RouterSpec& router_under_test) {
  const AdversarySpec& spec = scenario.adversary;
  if (spec.target.empty() || spec.target == router_under_test.name) return router_under_test;
  RouterSpec target{spec.target, {}};
  for (const auto& listed : scenario.routers)
    if (listed.name == spec.target) target.params = listed.params;
  return target;
}

std::vector<std::uint64_t> flood_keys(const AdversarySpec& spec, std::uint64_t vocabulary, RngEngine& rng) {
  if (!spec.keys.empty()) return spec.keys;
  const std::uint64_t space = spec.key_space > 0 ? spec.key_space : vocabulary;
  std::vector<std::uint64_t> keys;
  boost::random::uniform_int_distribution<std::uint64_t> draw(0, space - 1);
  for (int i = 0; i < spec.hot_keys; ++i) keys.push_back(draw(rng));
  return keys;
}

// The attacker's degrees come from their own stream, so its keys are the same whatever the pattern.
std::unique_ptr<Adversary> make_phase_structure(const ScenarioSpec& scenario, DegreePattern pattern,
                                                std::uint64_t replication, RngEngine keys) {
  const AdversarySpec& spec = scenario.adversary;
  return std::make_unique<PhaseStructureAdversary>(
      phase_structure_pattern(spec, scenario.simulation.num_experts, pattern),
      spec.key_space > 0 ? spec.key_space : scenario.workload.vocabulary, std::move(keys),
      make_stream(scenario.simulation.master_seed, replication, "adversary/degrees"));
}

}  // namespace

DegreePatternSpec phase_structure_pattern(const AdversarySpec& spec, int num_experts, DegreePattern pattern) {
  return DegreePatternSpec{pattern, 0, num_experts, spec.max_degree > 0 ? spec.max_degree : num_experts, spec.period};
}

std::unique_ptr<Adversary> make_baseline_adversary(const ScenarioSpec& scenario, std::uint64_t replication) {
  if (scenario.adversary.kind != AdversaryKind::phase_structure) return nullptr;
  return make_phase_structure(scenario, DegreePattern::uniform_random, replication,
                              make_stream(scenario.simulation.master_seed, replication, "adversary"));
}

std::unique_ptr<Adversary> make_adversary(const ScenarioSpec& scenario, const RouterSpec& router_under_test,
                                          std::uint64_t replication, const RouterRegistry& registry) {
  const AdversarySpec& spec = scenario.adversary;
  RngEngine rng = make_stream(scenario.simulation.master_seed, replication, "adversary");
  switch (spec.kind) {
    case AdversaryKind::collision:
    case AdversaryKind::colocation: {
      const RouterConfig target = make_router_config(scenario, targeted_router(scenario, router_under_test), replication);
      auto model = make_routing_model(target, registry);
      auto collisions = find_colliding_keys(*model, scenario.simulation.num_experts, spec.target_experts,
                                            spec.distinct_keys, spec.search_budget, spec.key_space, rng);
      return std::make_unique<CollisionAdversary>(std::move(collisions), std::move(rng));
    }
    case AdversaryKind::hot_flood:
      return std::make_unique<HotFloodAdversary>(flood_keys(spec, scenario.workload.vocabulary, rng));
    case AdversaryKind::probe:
      return std::make_unique<ProbeAdversary>(spec.probe_budget, spec.key_space, std::move(rng));
    case AdversaryKind::phase_structure:
      return make_phase_structure(scenario, spec.pattern, replication, std::move(rng));
    case AdversaryKind::none:
      break;
  }
  throw ConfigError("adversary.kind", "the scenario has no adversary");
}

}  // namespace routelab
