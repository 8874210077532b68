#pragma once
// "Open this point as a run": one run of a sweep database turned back into what the app runs. The
// database stores the sweep file verbatim (meta.sweep_text) and its resolved base scenario
// (meta.base_scenario); the run's point, router and replication are found by its run id in the
// re-expanded plan, its scenario is built by the sweep's own SweepScenarioBuilder (so [set],
// the point's values and the derived master seed are exactly the sweep's), and the stored
// params_fingerprint, master_seed and fingerprint check that it is the run the database holds.
#include <cstdint>
#include <string>

#include "gui/saved_runs/expected_fingerprints.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab::gui {

struct SweepPointRun {
  ScenarioSpec scenario;  // the point's scenario; its routers list holds the run's router and params
  std::string scenario_toml;  // the point's document (its master seed is derived, set in `scenario` only)
  std::string router;     // registry name
  std::string label;      // the sweep's label for it
  std::uint64_t replication = 0;
  ExpectedFingerprint expected;
};

// Throws Error naming the database and the field when the run is unknown, failed, or cannot be
// rebuilt as stored (a moved base scenario, another plan or program).
SweepPointRun locate_sweep_run(const std::string& database, const std::string& run_id, const RouterRegistry& registry);

}  // namespace routelab::gui
