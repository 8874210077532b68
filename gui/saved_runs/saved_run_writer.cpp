#include "gui/saved_runs/saved_run_writer.hpp"

#include <algorithm>

#include "cli/comparison_runs.hpp"
#include "cli/provenance.hpp"
#include "cli/run_output.hpp"
#include "cli/scenario_options.hpp"
#include "cli/summary_report.hpp"
#include "core/errors.hpp"
#include "engine/output_transaction.hpp"
#include "gui/saved_runs/expected_fingerprints.hpp"
#include "scenarios/scenario_overrides.hpp"

namespace routelab::gui {

namespace {

constexpr std::string_view kBuiltinPrefix = "builtin:";

// What `--scenario` would name: a library name or the scenario file's path.
std::string scenario_reference(const ScenarioSpec& spec) {
  if (spec.source.rfind(kBuiltinPrefix, 0) == 0) return spec.source.substr(kBuiltinPrefix.size());
  return spec.source;
}

// The settings the app can change on a scenario, written as --set overrides of its file, so the
// saved scenario.toml is the scenario the app ran; and every replication up to the shown one.
std::vector<std::string> app_overrides(const SaveRequest& request) {
  const auto& simulation = request.shown.simulation;
  const int replications = std::max<int>(request.shown.replications, static_cast<int>(request.replication) + 1);
  return {"seed=" + std::to_string(simulation.master_seed), "metrics.window_ticks=" + std::to_string(simulation.window_ticks),
          "replications=" + std::to_string(replications)};
}

std::string shell_word(const std::string& word) {
  if (word.find_first_of(" '\"\\$`") == std::string::npos) return word;
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::string equivalent_command_line(const std::string& scenario_reference, const std::vector<std::string>& routers,
                                    const std::vector<std::string>& sets, const std::filesystem::path& directory) {
  std::string names;
  for (const auto& name : routers) names += (names.empty() ? "" : ",") + name;
  std::string line = "routelab compare --scenario " + shell_word(scenario_reference) + " --routers " + shell_word(names);
  for (const auto& set : sets) line += " --set " + shell_word(set);
  return line + " --out " + shell_word(directory.string());
}

std::vector<RunResult> write_run_results(const RunBuilder& builder, const SaveRequest& request,
                                        const std::filesystem::path& directory, bool replace) {
  if (request.routers.empty()) throw Error("there is no run to save: start a run first");
  cli::ScenarioOptions options;  // as `routelab compare` would have been given them
  options.scenario = scenario_reference(request.shown);
  options.sets = app_overrides(request);
  const ScenarioSpec spec = resolve_scenario(options.scenario, cli::scenario_overrides(options));
  std::vector<RouterSpec> routers;
  for (const std::string& name : request.routers) {
    RouterSpec router{name, {}};
    for (const RouterSpec& own : request.shown.routers)  // the parameters the app ran it with
      if (own.name == name) router = own;
    routers.push_back(router);
  }

  OutputTransaction out(directory, replace);
  const cli::ComparisonOutcome outcome = cli::run_comparison(builder, spec, routers, out.staging().string());
  if (!outcome.failures.empty()) throw Error(cli::describe_run(outcome.failures.front()));
  if (!outcome.export_failures.empty()) throw IoError(cli::describe_run(outcome.export_failures.front()));
  std::vector<ExpectedFingerprint> shown;
  for (const RunResult& result : request.shown_results)
    shown.push_back({result.router, result.replication, result.layer, fingerprint_hex(result.summary.fingerprint),
                     "the app's run"});
  if (const auto mismatch = fingerprint_mismatch(shown, outcome.results))
    throw Error("nothing saved: the scenario file no longer gives the run shown (" + *mismatch + ")");

  auto report = cli::report_to_json(spec, outcome.results);
  report["provenance"] = cli::provenance_json(spec, options);
  report["provenance"]["command_line"] =
      "routelab-gui Save run results, as: " + equivalent_command_line(options.scenario, request.routers, options.sets, directory);
  cli::commit_comparison_output(out, report);
  return outcome.results;
}

}  // namespace routelab::gui
