#pragma once
// Which run of a scenario: a router (with its parameters and model), a replication and, for a
// trace replayed layer by layer, the layer. A comparison is the list of its run keys.
#include <cstdint>
#include <vector>

#include "scenarios/scenario_spec.hpp"

namespace routelab {

struct RunKey {
  RouterSpec router;
  std::uint64_t replication = 0;
  int layer = 0;  // 1-based trace layer; 0: the scenario's own (not a trace, or its one layer)
};

// Every (router, replication, layer) of a comparison, router-major: the order every front end
// reports in. The layers come from the scenario's trace (every layer when trace.layer = 0; the
// trace must then be loaded).
std::vector<RunKey> comparison_runs(const ScenarioSpec& scenario, const std::vector<RouterSpec>& routers);

// The runs of one router in one replication: one, or one per layer of a layered trace.
std::vector<RunKey> router_runs(const ScenarioSpec& scenario, const RouterSpec& router, std::uint64_t replication);


}  // namespace routelab
