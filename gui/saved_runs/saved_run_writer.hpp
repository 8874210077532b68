#pragma once
// "Save run results": writes the directory `routelab compare --out DIR` writes, with the CLI's
// own code (cli/comparison_runs.hpp runs and exports, cli/run_output.hpp commits), so the app
// and `routelab` read each other's results. The app's runs are re-run headlessly for it: the CLI's
// CSV and trace sinks see every batch, and the fingerprints of the re-run are checked against the
// app's finished runs, so a directory never holds results other than the ones shown.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "scenarios/run_builder/run_builder.hpp"
#include "scenarios/run_builder/run_result.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab::gui {

struct SaveRequest {
  ScenarioSpec shown;                 // the scenario the app ran (its seed and window length as shown)
  std::vector<std::string> routers;   // router names, in the app's order
  std::uint64_t replication = 0;      // the replication shown (saved with all of the scenario's)
  std::vector<RunResult> shown_results;  // the app's finished runs (may be empty): checked against the re-run
  // The TOML document `shown` was parsed from when the app opened one (a saved run's scenario.toml,
  // a sweep point's document); empty: `shown.source` names a library scenario or a file.
  std::string scenario_toml = {};
};

// The `routelab compare` command that makes the same runs from the saved directory (written into
// provenance.json's command_line).
std::string equivalent_command_line(const std::filesystem::path& directory, const std::vector<std::string>& routers,
                                    std::uint64_t seed);

// Writes `directory` as one transaction (it must be absent or empty, or, with `replace`, an earlier
// routelab result). Throws the core's typed errors (ConfigError for an unusable directory, IoError
// for a failed write, Error for a run that failed or does not match the shown one); on a throw
// `directory` keeps what it held before.
std::vector<RunResult> write_run_results(const RunBuilder& builder, const SaveRequest& request,
                                        const std::filesystem::path& directory, bool replace);

}  // namespace routelab::gui
