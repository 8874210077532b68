#pragma once
// The runs of `routelab run` and `compare`: every (router, replication, layer) of a comparison,
// built by the run builder and run in parallel; results come back in the comparison's fixed order,
// so the output is the same for any thread count. A run that fails is reported as a failure of
// that run; the others still run. With an output directory, each run also writes its part of the
// exports (cli/comparison_exports.hpp), which commit_comparison_output() joins.
#include <string>
#include <vector>

#include "cli/comparison_exports.hpp"
#include "scenarios/run_builder/run_builder.hpp"
#include "scenarios/run_builder/run_failure.hpp"

namespace routelab::cli {

struct ComparisonOutcome {
  std::vector<RunResult> results;    // the finished runs, in comparison order
  std::vector<RunFailure> failures;  // the others, in comparison order
  // Finished runs (in `results`) whose export files could not be written (a full disk, a file
  // size limit): the result is kept and printed, but the output directory must not be committed.
  std::vector<RunFailure> export_failures;
};

// `progress`, when given, is added to every run's sinks (it only counts tokens).
ComparisonOutcome run_comparison(const RunBuilder& builder, const ScenarioSpec& scenario,
                                 const std::vector<RouterSpec>& routers, const std::string& out_dir,
                                 MetricsSink* progress = nullptr, const ExportOptions& exports = {});

}  // namespace routelab::cli
