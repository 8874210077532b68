#include "gui/saved_runs/saved_run_writer.hpp"

#include <algorithm>

#include "cli/comparison_runs.hpp"
#include "cli/provenance.hpp"
#include "cli/run_output.hpp"
#include "cli/summary_report.hpp"
#include "core/errors.hpp"
#include "engine/output_transaction.hpp"
#include "gui/saved_runs/expected_fingerprints.hpp"
#include "scenarios/scenario_loader.hpp"
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
  std::vector<std::string> sets;
  // A seed above INT64_MAX (a sweep point's) has no TOML form: provenance.json's seed carries it.
  if (const auto seed = seed_override(simulation.master_seed)) sets.push_back(seed->key + "=" + seed->value);
  sets.push_back("metrics.window_ticks=" + std::to_string(simulation.window_ticks));
  sets.push_back("replications=" + std::to_string(replications));
  return sets;
}

std::string shell_word(const std::string& word) {
  if (word.find_first_of(" '\"\\$`") == std::string::npos) return word;
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::string equivalent_command_line(const std::filesystem::path& directory, const std::vector<std::string>& routers,
                                    std::uint64_t seed) {
  std::string names;
  for (const auto& name : routers) names += (names.empty() ? "" : ",") + name;
  std::string line = "routelab compare --scenario " + shell_word((directory / "scenario.toml").string()) + " --routers " +
                     shell_word(names);
  if (!seed_override(seed)) line += " --seed " + std::to_string(seed);  // not in scenario.toml (no TOML form)
  return line;
}

std::vector<RunResult> write_run_results(const RunBuilder& builder, const SaveRequest& request,
                                        const std::filesystem::path& directory, bool replace) {
  if (request.routers.empty()) throw Error("there is no run to save: start a run first");
  std::vector<ScenarioOverride> overrides;
  for (const std::string& set : app_overrides(request)) overrides.push_back(parse_override_argument(set));
  // The document the app's scenario came from: the one it opened (a saved scenario.toml, a sweep
  // point's), else its library entry or file; with the app's settings written in.
  const std::string toml =
      request.scenario_toml.empty()
          ? resolved_scenario_toml(scenario_reference(request.shown), overrides)
          : resolved_scenario_toml_text(request.scenario_toml, request.shown.source, overrides);
  ScenarioSpec spec = parse_scenario(toml, request.shown.source);
  spec.simulation.master_seed = request.shown.simulation.master_seed;  // set directly, as `--seed` does
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
  report["provenance"] = cli::provenance_json(spec, toml);
  report["provenance"]["command_line"] = "routelab-gui Save run results; the same runs: " +
                                         equivalent_command_line(directory, request.routers, spec.simulation.master_seed);
  cli::commit_comparison_output(out, report);
  return outcome.results;
}

}  // namespace routelab::gui
