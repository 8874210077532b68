#include "scenarios/run_builder/run_workload.hpp"

#include "core/errors.hpp"
#include "scenarios/traces/trace_loader.hpp"
#include "scenarios/traces/trace_workload.hpp"
#include "scenarios/workloads/synthetic_workload.hpp"

namespace routelab {

std::unique_ptr<Workload> make_workload(const ScenarioSpec& scenario, std::uint64_t replication) {
  if (!scenario.trace.enabled())
    return std::make_unique<SyntheticWorkload>(scenario.workload, scenario.simulation.master_seed, replication,
                                               scenario.simulation.stop_tick);
  if (scenario.trace.layer < 1)
    throw ConfigError("trace.layer", "a run replays one layer; this scenario replays every layer (layer = \"all\"), "
                                     "so each layer is a run of its own");
  if (scenario.trace.data) return std::make_unique<TraceWorkload>(scenario.trace.data, scenario.trace.layer, scenario, replication);
  ScenarioSpec loaded = scenario;
  load_trace_data(loaded);
  return std::make_unique<TraceWorkload>(loaded.trace.data, loaded.trace.layer, loaded, replication);
}

ScenarioSpec scenario_for_layer(const ScenarioSpec& scenario, int layer) {
  ScenarioSpec copy = scenario;
  copy.trace.layer = layer;
  return copy;
}

}  // namespace routelab
