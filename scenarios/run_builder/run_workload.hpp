#pragma once
// The token stream of one run: the scenario's benign workload for a replication (identical for
// every router: common random numbers), with a trace scenario replaying one layer.
#include <cstdint>
#include <memory>

#include "engine/workload.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab {

// The scenario's benign token stream for one replication (identical for every router).
std::unique_ptr<Workload> make_workload(const ScenarioSpec& scenario, std::uint64_t replication);

// A copy of a trace scenario that replays layer `layer` (1-based) only.
ScenarioSpec scenario_for_layer(const ScenarioSpec& scenario, int layer);

}  // namespace routelab
