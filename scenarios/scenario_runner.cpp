#include "scenarios/scenario_runner.hpp"

#include "engine/simulation.hpp"
#include "scenarios/workloads/synthetic_workload.hpp"

namespace routelab {

std::vector<RouterSpec> routers_to_compare(const ScenarioSpec& scenario, const RouterRegistry& registry) {
  if (!scenario.routers.empty()) return scenario.routers;
  std::vector<RouterSpec> all;
  for (const auto& name : registry.names()) all.push_back(RouterSpec{name, {}});
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
  return RunResult{router.name, replication, simulation.run()};
}

}  // namespace routelab
