#include "scenarios/scenario_runner.hpp"

#include "scenarios/run_builder/run_builder.hpp"

namespace routelab {

std::vector<RouterSpec> routers_to_compare(const ScenarioSpec& scenario, const RouterRegistry& registry) {
  TrainedModelCache unused;
  return RunBuilder(registry, unused).default_routers(scenario);
}

RunResult run_scenario(const ScenarioSpec& scenario, const RouterSpec& router, std::uint64_t replication,
                       const RouterRegistry& registry, std::span<MetricsSink* const> sinks) {
  TrainedModelCache models;
  return RunBuilder(registry, models).build(scenario, RunKey{router, replication, 0}, sinks)->run();
}

}  // namespace routelab
