#include "cli/comparison_runs.hpp"

#include <fmt/format.h>

#include <exception>
#include <filesystem>
#include <memory>
#include <optional>

#include "cli/cluster_series_export.hpp"

namespace routelab::cli {

namespace {

// The per-router export directory of the cluster series (cluster scenarios only): file names
// prefixed "layer-NN." for layered traces, "replication-R." when there are several replications.
std::string cluster_prefix(const RunKey& key, bool several_replications) {
  std::string prefix;
  if (key.layer > 0) prefix += fmt::format("layer-{:02}.", key.layer);
  if (several_replications) prefix += "replication-" + std::to_string(key.replication) + ".";
  return prefix;
}

}  // namespace

ComparisonOutcome run_comparison(const RunBuilder& builder, const ScenarioSpec& scenario,
                                 const std::vector<RouterSpec>& routers, const std::string& out_dir,
                                 MetricsSink* progress, const ExportOptions& exports) {
  const std::vector<RunKey> keys = comparison_runs(scenario, routers);
  std::vector<std::optional<RunResult>> results(keys.size());
  std::vector<std::exception_ptr> errors(keys.size());
  std::vector<std::exception_ptr> export_errors(keys.size());
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t i = 0; i < keys.size(); ++i) {
    try {
      const RunKey& key = keys[i];
      std::unique_ptr<RunExports> files;
      std::vector<MetricsSink*> sinks;
      if (!out_dir.empty()) {
        files = std::make_unique<RunExports>(out_dir, i, key, scenario, exports);
        sinks = files->sinks();
      }
      if (progress) sinks.push_back(progress);
      const auto run = builder.build(scenario, key, sinks);
      if (files) files->observe(run->simulation());
      results[i] = run->run();
      try {  // the run finished: a failed export loses its files, not its result
        if (files && run->cluster() != nullptr)
          write_cluster_series(std::filesystem::path(out_dir) / key.router.name,
                               cluster_prefix(key, scenario.replications > 1), *run->cluster());
        if (files) files->commit();
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
