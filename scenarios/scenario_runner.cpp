#include "scenarios/scenario_runner.hpp"

#include "engine/simulation.hpp"
#include "scenarios/training/semantic_source.hpp"
#include "scenarios/workloads/synthetic_workload.hpp"

namespace routelab {

std::vector<RouterSpec> routers_to_compare(const ScenarioSpec& scenario, const RouterRegistry& registry) {
  if (!scenario.routers.empty()) return scenario.routers;
  const bool semantic = semantic_space(scenario).has_value();
  std::vector<RouterSpec> all;
  for (const auto& entry : registry.entries())
    if (semantic || !entry.trainer) all.push_back(RouterSpec{entry.name, {}});
  return all;
}

std::unique_ptr<Workload> make_workload(const ScenarioSpec& scenario, std::uint64_t replication) {
  return std::make_unique<SyntheticWorkload>(scenario.workload, scenario.simulation.master_seed, replication);
}

RunResult run_scenario(const ScenarioSpec& scenario, const RouterSpec& router, std::uint64_t replication,
                       const RouterRegistry& registry, std::span<MetricsSink* const> sinks) {
  auto workload = make_workload(scenario, replication);
  auto routing = registry.create(make_router_config(scenario, router, replication));
  SimulationConfig config = scenario.simulation;
  config.replication = replication;
  Simulation simulation(config, *workload, *routing);
  for (auto* sink : sinks) simulation.add_sink(*sink);
  std::optional<QualityModel> quality_model;
  std::optional<QualityObserver> quality;
  if (auto space = semantic_space(scenario)) {
    quality_model.emplace(std::move(*space), scenario.simulation.num_experts);
    simulation.add_sink(quality.emplace(*quality_model));
  }
  RunResult result{router.name, replication, simulation.run(), std::nullopt, router.training_seconds};
  if (quality) result.quality = quality->summary();
  return result;
}

}  // namespace routelab
