// `routelab run` (one router) and `routelab compare` (several, side by side, same token stream).
#include <fmt/format.h>

#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/commands/commands.hpp"
#include "cli/scenario_options.hpp"
#include "cli/summary_report.hpp"
#include "engine/csv_export_sink.hpp"
#include "engine/errors.hpp"

namespace routelab::cli {

namespace {

std::vector<std::string> split_names(const std::string& list) {
  std::vector<std::string> names;
  std::stringstream stream(list);
  for (std::string name; std::getline(stream, name, ',');)
    if (!name.empty()) names.push_back(name);
  return names;
}

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  const auto partial = std::filesystem::path(path.string() + ".partial");
  {
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file) throw IoError("cannot write '" + partial.string() + "'");
  }
  std::filesystem::rename(partial, path);
}

// Runs every (router, replication) pair, in parallel; results come back in a fixed order, so the
// output is the same for any thread count.
std::vector<RunResult> run_all(const ScenarioSpec& spec, const std::vector<RouterSpec>& routers,
                               const RouterRegistry& registry, const std::string& out_dir) {
  for (const auto& router : routers) registry.find(router.name);  // unknown names fail before any work
  const auto replications = static_cast<std::size_t>(spec.replications);
  const std::size_t runs = routers.size() * replications;
  std::vector<RunResult> results(runs);
  std::vector<std::exception_ptr> errors(runs);
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t i = 0; i < runs; ++i) {
    try {
      const RouterSpec& router = routers[i / replications];
      const std::uint64_t replication = i % replications;
      std::unique_ptr<CsvExportSink> csv;
      std::vector<MetricsSink*> sinks;
      if (!out_dir.empty()) {
        std::string prefix = replications > 1 ? "replication-" + std::to_string(replication) + "." : "";
        csv = std::make_unique<CsvExportSink>(std::filesystem::path(out_dir) / router.name, prefix);
        sinks.push_back(csv.get());
      }
      results[i] = run_scenario(spec, router, replication, registry, sinks);
      if (csv) csv->commit();
    } catch (...) {
      errors[i] = std::current_exception();
    }
  }
  for (const auto& error : errors)
    if (error) std::rethrow_exception(error);
  return results;
}

int report(const ScenarioSpec& spec, const std::vector<RunResult>& results, const ScenarioOptions& options) {
  const auto json = report_to_json(spec, results);
  if (!options.out_dir.empty())
    write_file_atomically(std::filesystem::path(options.out_dir) / "summary.json", json.dump(2) + "\n");
  if (options.format == "json") {
    fmt::print("{}\n", json.dump(2));
  } else {
    fmt::print("{}", report_to_table(spec, results));
  }
  return 0;
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
    RouterSpec chosen{router->empty() ? (spec.routers.empty() ? "greedy" : spec.routers.front().name) : *router, {}};
    for (const auto& listed : spec.routers)
      if (listed.name == chosen.name) chosen.params = listed.params;
    std::vector<RouterSpec> routers{chosen};
    prepare_routers(*options, spec, routers, registry);
    return report(spec, run_all(spec, routers, registry, options->out_dir), *options);
  };
}

CommandAction add_compare_command(CLI::App& app, const RouterRegistry& registry) {
  auto* command = app.add_subcommand("compare", "run several routers on the same token stream, side by side");
  auto options = std::make_shared<ScenarioOptions>();
  auto routers = std::make_shared<std::string>();
  add_scenario_options(*command, *options);
  command->add_option("--routers", *routers, "comma-separated router names (default: every router)");
  return [&registry, options, routers] {
    const ScenarioSpec spec = load_scenario_with_overrides(*options);
    std::vector<RouterSpec> chosen;
    if (routers->empty()) {
      chosen = routers_to_compare(spec, registry);
    } else {
      for (const auto& name : split_names(*routers)) {
        RouterSpec entry{name, {}};
        for (const auto& listed : spec.routers)
          if (listed.name == name) entry.params = listed.params;
        chosen.push_back(entry);
      }
    }
    prepare_routers(*options, spec, chosen, registry);
    return report(spec, run_all(spec, chosen, registry, options->out_dir), *options);
  };
}

}  // namespace routelab::cli
