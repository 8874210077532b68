#pragma once
// Reads a `routelab run --out DIR` / `routelab compare --out DIR` directory (or one the app's
// "Save run results" wrote: the same layout) back into what the app needs to show it.
//
// Why re-run rather than read the CSVs: DIR's windows.csv holds per-window figures at the
// scenario's window length and overload_events.csv the events, but not the per-batch detail the
// live views draw (queue lines, utilization, the app's own window length), and a reader of those
// files would be a second, drifting source of the views' numbers. The run is deterministic, so
// DIR's resolved scenario.toml plus the seed and the (router, replication, layer) of each run
// reproduce it exactly through the same run builder; the fingerprints in summary.json prove it
// (expected_fingerprints.hpp). No new file format, and the app's view of a saved run is its live view.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "gui/saved_runs/expected_fingerprints.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab::gui {

// A directory that is not a complete routelab result; the message names the file and the field.
class SavedRunError : public Error {
 public:
  using Error::Error;
};

struct SavedRun {
  std::filesystem::path directory;
  ScenarioSpec scenario;                    // parsed from scenario.toml (relative paths as the original's)
  std::string scenario_toml;                // scenario.toml's text
  std::vector<std::string> routers;         // in the saved order
  std::vector<std::uint64_t> replications;  // the replications saved, ascending
  std::vector<ExpectedFingerprint> runs;    // every run of summary.json
};

// Throws SavedRunError (a missing or damaged summary.json, scenario.toml or provenance.json).
SavedRun read_saved_run(const std::filesystem::path& directory);

// The expected fingerprints of one replication (what the app re-runs at a time).
std::vector<ExpectedFingerprint> runs_of_replication(const SavedRun& saved, std::uint64_t replication);

}  // namespace routelab::gui
