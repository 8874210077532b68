#include "scenarios/run_builder/run_key.hpp"

#include "scenarios/traces/trace_loader.hpp"

namespace routelab {

std::vector<RunKey> router_runs(const ScenarioSpec& scenario, const RouterSpec& router, std::uint64_t replication) {
  const bool layered = scenario.trace.enabled() && scenario.trace.layer == 0;
  std::vector<RunKey> keys;
  for (int layer : layers_to_run(scenario)) keys.push_back(RunKey{router, replication, layered ? layer : 0});
  return keys;
}

std::vector<RunKey> comparison_runs(const ScenarioSpec& scenario, const std::vector<RouterSpec>& routers) {
  std::vector<RunKey> keys;
  for (const auto& router : routers)
    for (std::uint64_t r = 0; r < static_cast<std::uint64_t>(scenario.replications); ++r)
      for (RunKey& key : router_runs(scenario, router, r)) keys.push_back(std::move(key));
  return keys;
}

}  // namespace routelab
