// `routelab run` (one router) and `routelab compare` (several, side by side, same token stream).
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <sstream>

#include "cli/commands/commands.hpp"
#include "cli/comparison_report.hpp"
#include "cli/comparison_runs.hpp"
#include "cli/provenance.hpp"
#include "cli/run_output.hpp"
#include "cli/run_progress.hpp"
#include "cli/scenario_options.hpp"
#include "cli/summary_report.hpp"
#include "engine/atomic_output_file.hpp"
#include "core/errors.hpp"
#include "scenarios/run_budget.hpp"
#include "scenarios/traces/trace_loader.hpp"

namespace routelab::cli {

namespace {

std::vector<std::string> split_names(const std::string& list) {
  std::vector<std::string> names;
  std::stringstream stream(list);
  for (std::string name; std::getline(stream, name, ',');)
    if (!name.empty()) names.push_back(name);
  return names;
}

// A message about a file in the staging directory, naming it where the user will look for it.
std::string in_target_terms(std::string message, const OutputTransaction& out) {
  const std::string staging = out.staging().string();
  for (auto at = message.find(staging); at != std::string::npos; at = message.find(staging, at))
    message.replace(at, staging.size(), out.target().string());
  return message;
}

std::string describe_export(const RunFailure& failure, const OutputTransaction& out) {
  std::string run = "router '" + failure.router + "'";
  if (failure.replication > 0) run += ", replication " + std::to_string(failure.replication);
  if (failure.layer > 0) run += ", layer " + std::to_string(failure.layer);
  return run + " ran, but its --out files could not be written: " + in_target_terms(failure.message, out);
}

// Prints what finished, then commits the --out directory (after printing: a failed export
// loses nothing computed) and says which runs failed and why. The exit code is 0 only when every
// run finished (2 when a failure was bad input, else 1); with a failure, --out is not committed
// (summary.json marks a complete result), so the directory keeps what it held before.
int report(const ScenarioSpec& spec, const ComparisonOutcome& outcome, const ScenarioOptions& options,
           OutputTransaction* out) {
  const auto& results = outcome.results;
  auto document = report_to_json(spec, results);
  if (!outcome.failures.empty()) document["failed"] = failures_to_json(outcome.failures);
  document["provenance"] = provenance_json(spec, options);
  const std::string json = dump_json(document);
  if (options.format == "json") {
    fmt::print("{}\n", json);
  } else if (!results.empty()) {
    fmt::print("{}", wants_aggregate(results) ? aggregate_to_table(spec, results) : report_to_table(spec, results));
    if (spec.adversary.enabled()) fmt::print("\n{}", attack_to_table(spec, results));
  }
  std::fflush(stdout);
  bool bad_input = false;
  for (const RunFailure& failure : outcome.failures) {
    fmt::print(stderr, "routelab: error: {}\n", out ? in_target_terms(describe_run(failure), *out) : describe_run(failure));
    bad_input = bad_input || failure.bad_input;
  }
  if (out && !outcome.export_failures.empty()) {
    // The runs finished and are printed above; their files are not all written, so nothing of
    // this run goes into --out (the staging directory is removed when `out` goes away).
    for (const RunFailure& failure : outcome.export_failures)
      fmt::print(stderr, "routelab: error: {}\n", describe_export(failure, *out));
    fmt::print(stderr, "routelab: error: --out '{}' was not written (the results above are complete; it keeps what "
                       "it held before)\n", out->target().string());
    return 2;
  }
  if (!outcome.failures.empty()) return bad_input ? 2 : 1;
  if (out) {
    try {
      commit_comparison_output(*out, document);
    } catch (const IoError& error) {
      fmt::print(stderr, "routelab: error: {}\n", in_target_terms(error.what(), *out));
      fmt::print(stderr, "routelab: error: --out '{}' was not written (the results above are complete; it keeps what "
                         "it held before)\n", out->target().string());
      return 2;
    }
  }
  return 0;
}

// The progress line's total: the estimated tokens of one run, times the runs of the comparison.
double expected_tokens(const ScenarioSpec& spec, std::size_t routers) {
  const double layers = static_cast<double>(layers_to_run(spec).size());
  return estimate_run(spec).tokens * static_cast<double>(routers) * std::max(1, spec.replications) * layers;
}

}  // namespace

CommandAction add_run_command(CLI::App& app, const RouterRegistry& registry) {
  auto* command = app.add_subcommand("run", "run one scenario with one router and print its metrics");
  auto options = std::make_shared<ScenarioOptions>();
  auto router = std::make_shared<std::string>();
  add_scenario_options(*command, *options);
  command->add_option("--router", *router, "router name from `routelab routers` (default: the scenario's first, else greedy)");
  return [&registry, options, router] {
    const ScenarioSpec spec = load_scenario_with_overrides(*options);
    const std::string name = router->empty() ? (spec.routers.empty() ? "greedy" : spec.routers.front().name) : *router;
    registry.find(name);  // a name the user typed that is no router: bad usage, before any run
    std::vector<RouterSpec> routers{scenario_router(spec, name)};
    prepare_routers(*options, routers);
    TrainedModelCache models;
    const RunBuilder builder(registry, models);
    const auto out = begin_output(*options);
    RunProgress progress(expected_tokens(spec, routers.size()), options->progress);
    auto outcome = run_comparison(builder, spec, routers, out ? out->staging().string() : "", &progress,
                                  ExportOptions{.token_rows = options->tokens_csv});
    progress.finish();
    return report(spec, outcome, *options, out.get());
  };
}

CommandAction add_compare_command(CLI::App& app, const RouterRegistry& registry) {
  auto* command = app.add_subcommand("compare", "run several routers on the same token stream, side by side");
  auto options = std::make_shared<ScenarioOptions>();
  auto routers = std::make_shared<std::string>();
  add_scenario_options(*command, *options);
  command->add_option("--routers", *routers, "comma-separated router names (default: the scenario's, else every router)");
  return [&registry, options, routers] {
    const ScenarioSpec spec = load_scenario_with_overrides(*options);
    TrainedModelCache models;
    const RunBuilder builder(registry, models);
    std::vector<RouterSpec> chosen;
    if (routers->empty()) {
      chosen = builder.default_routers(spec);
    } else {
      for (const auto& name : split_names(*routers)) {
        registry.find(name);  // a name the user typed that is no router: bad usage, before any run
        chosen.push_back(scenario_router(spec, name));
      }
    }
    prepare_routers(*options, chosen);
    const auto out = begin_output(*options);
    RunProgress progress(expected_tokens(spec, chosen.size()), options->progress);
    auto outcome = run_comparison(builder, spec, chosen, out ? out->staging().string() : "", &progress,
                                  ExportOptions{.token_rows = options->tokens_csv});
    progress.finish();
    return report(spec, outcome, *options, out.get());
  };
}

}  // namespace routelab::cli
