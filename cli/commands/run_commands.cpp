// `routelab run` (one router) and `routelab compare` (several, side by side, same token stream).
#include <fmt/format.h>

#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/commands/commands.hpp"
#include "cli/comparison_report.hpp"
#include "cli/run_output.hpp"
#include "cli/scenario_options.hpp"
#include "cli/summary_report.hpp"
#include "engine/atomic_output_file.hpp"
#include "engine/chrome_trace_sink.hpp"
#include "engine/csv_export_sink.hpp"
#include "engine/errors.hpp"
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

// One run of a comparison: which router, replication and (for a layered trace) layer.
struct RunKey {
  const RouterSpec* router;
  std::uint64_t replication;
  int layer;
};

// The export files of one run share a prefix: "layer-NN." for layered traces, "replication-R."
// when there are several replications.
std::string export_prefix(const RunKey& key, bool several_layers, bool several_replications) {
  std::string prefix;
  if (several_layers) prefix += fmt::format("layer-{:02}.", key.layer);
  if (several_replications) prefix += "replication-" + std::to_string(key.replication) + ".";
  return prefix;
}

// Runs every (router, replication, layer), in parallel; results come back in a fixed order, so
// the output is the same for any thread count.
std::vector<RunResult> run_all(const ScenarioSpec& spec, const std::vector<RouterSpec>& routers,
                               const RouterRegistry& registry, const std::string& out_dir) {
  for (const auto& router : routers) registry.find(router.name);  // unknown names fail before any work
  const std::vector<int> layers = layers_to_run(spec);
  std::vector<ScenarioSpec> layer_specs;
  for (int layer : layers) layer_specs.push_back(layer > 0 ? scenario_for_layer(spec, layer) : spec);
  std::vector<RunKey> keys;
  for (const auto& router : routers)
    for (std::uint64_t r = 0; r < static_cast<std::uint64_t>(spec.replications); ++r)
      for (int layer : layers) keys.push_back(RunKey{&router, r, layer});

  std::vector<RunResult> results(keys.size());
  std::vector<std::exception_ptr> errors(keys.size());
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t i = 0; i < keys.size(); ++i) {
    try {
      const RunKey& key = keys[i];
      const ScenarioSpec& run_spec = layer_specs[i % layers.size()];
      std::unique_ptr<CsvExportSink> csv;
      std::unique_ptr<ChromeTraceSink> chrome;
      std::vector<MetricsSink*> sinks;
      if (!out_dir.empty()) {
        const auto directory = std::filesystem::path(out_dir) / key.router->name;
        const std::string prefix = export_prefix(key, layers.size() > 1, spec.replications > 1);
        csv = std::make_unique<CsvExportSink>(directory, prefix);
        chrome = std::make_unique<ChromeTraceSink>(directory / (prefix + "trace.json"), key.router->name);
        sinks = {csv.get(), chrome.get()};
      }
      results[i] = run_scenario(run_spec, *key.router, key.replication, registry, sinks);
      if (csv) csv->commit();
      if (chrome) chrome->commit();
    } catch (...) {
      errors[i] = std::current_exception();
    }
  }
  for (const auto& error : errors)
    if (error) std::rethrow_exception(error);
  return results;
}

int report(const ScenarioSpec& spec, const std::vector<RunResult>& results, const ScenarioOptions& options,
           OutputTransaction* out) {
  const std::string json = dump_json(report_to_json(spec, results));
  if (options.format == "json") {
    fmt::print("{}\n", json);
  } else {
    fmt::print("{}", wants_aggregate(results) ? aggregate_to_table(spec, results) : report_to_table(spec, results));
    if (spec.adversary.enabled()) fmt::print("\n{}", attack_to_table(spec, results));
  }
  if (out) commit_output(*out, json);  // after printing: a failed export loses nothing computed
  return 0;
}

RouterSpec with_scenario_params(const ScenarioSpec& spec, const std::string& name) {
  RouterSpec entry{name, {}};
  for (const auto& listed : spec.routers)
    if (listed.name == name) entry.params = listed.params;
  return entry;
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
    std::vector<RouterSpec> routers{with_scenario_params(spec, name)};
    prepare_routers(*options, spec, routers, registry);
    const auto out = begin_output(*options);
    return report(spec, run_all(spec, routers, registry, out ? out->staging().string() : ""), *options, out.get());
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
    std::vector<RouterSpec> chosen;
    if (routers->empty()) {
      chosen = routers_to_compare(spec, registry);
    } else {
      for (const auto& name : split_names(*routers)) chosen.push_back(with_scenario_params(spec, name));
    }
    prepare_routers(*options, spec, chosen, registry);
    const auto out = begin_output(*options);
    return report(spec, run_all(spec, chosen, registry, out ? out->staging().string() : ""), *options, out.get());
  };
}

}  // namespace routelab::cli
