#include "cli/comparison_runs.hpp"

#include <fmt/format.h>

#include <exception>
#include <filesystem>
#include <memory>
#include <optional>

#include "cli/cluster_series_export.hpp"
#include "engine/chrome_trace_sink.hpp"
#include "engine/csv_export_sink.hpp"

namespace routelab::cli {

namespace {

// The export files of one run share a prefix: "layer-NN." for layered traces, "replication-R."
// when there are several replications.
std::string export_prefix(const RunKey& key, bool several_replications) {
  std::string prefix;
  if (key.layer > 0) prefix += fmt::format("layer-{:02}.", key.layer);
  if (several_replications) prefix += "replication-" + std::to_string(key.replication) + ".";
  return prefix;
}

}  // namespace

ComparisonOutcome run_comparison(const RunBuilder& builder, const ScenarioSpec& scenario,
                                 const std::vector<RouterSpec>& routers, const std::string& out_dir,
                                 MetricsSink* progress) {
  const std::vector<RunKey> keys = comparison_runs(scenario, routers);
  std::vector<std::optional<RunResult>> results(keys.size());
  std::vector<std::exception_ptr> errors(keys.size());
  std::vector<std::exception_ptr> export_errors(keys.size());
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t i = 0; i < keys.size(); ++i) {
    try {
      const RunKey& key = keys[i];
      std::unique_ptr<CsvExportSink> csv;
      std::unique_ptr<ChromeTraceSink> chrome;
      std::vector<MetricsSink*> sinks;
      if (!out_dir.empty()) {
        const auto directory = std::filesystem::path(out_dir) / key.router.name;
        const std::string prefix = export_prefix(key, scenario.replications > 1);
        csv = std::make_unique<CsvExportSink>(directory, prefix);
        chrome = std::make_unique<ChromeTraceSink>(directory / (prefix + "trace.json"), key.router.name);
        sinks = {csv.get(), chrome.get()};
      }
      if (progress) sinks.push_back(progress);
      const auto run = builder.build(scenario, key, sinks);
      results[i] = run->run();
      try {  // the run finished: a failed export loses its files, not its result
        if (csv && run->cluster() != nullptr)
          write_cluster_series(std::filesystem::path(out_dir) / key.router.name,
                               export_prefix(key, scenario.replications > 1), *run->cluster());
        if (csv) csv->commit();
        if (chrome) chrome->commit();
      } catch (...) {
        export_errors[i] = std::current_exception();
      }
    } catch (...) {
      errors[i] = std::current_exception();
    }
  }
  ComparisonOutcome outcome;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (results[i]) outcome.results.push_back(std::move(*results[i]));
    if (errors[i]) outcome.failures.push_back(describe_failure(keys[i], errors[i]));
    if (export_errors[i]) outcome.export_failures.push_back(describe_failure(keys[i], export_errors[i]));
  }
  return outcome;
}

}  // namespace routelab::cli
