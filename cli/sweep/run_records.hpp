#pragma once
// Turns one planned run into a results row: builds its scenario, runs it, and spreads every field
// of the CLI's JSON summary (summary_report.cpp) over the row's metric columns, so the database
// always stores exactly what `routelab run --format json` reports, including fields added later.
#include <string>
#include <vector>

#include "results/results_store.hpp"
#include "scenarios/run_builder/run_builder.hpp"
#include "scenarios/sweeps/sweep_file.hpp"
#include "scenarios/sweeps/sweep_plan.hpp"
#include "scenarios/sweeps/sweep_scenario.hpp"

namespace routelab::cli {

// The dynamic columns of a sweep's results: its parameters, then every metric of the JSON summary
// (wall-clock ones marked as such), then the run's own wall time. With `cluster_metrics`, the
// expert-parallel figures (step time, stragglers, all-to-all) are columns too.
std::vector<results::ColumnSpec> sweep_columns(const std::vector<std::string>& parameter_keys,
                                               bool cluster_metrics = false);

// Whether the sweep's runs model a cluster: the scenario of its first point that loads has a
// [cluster] section (a sweep changes a cluster's fields, never whether there is one).
bool sweep_has_cluster(const sweeps::SweepPlan& plan, const sweeps::SweepScenarioBuilder& builder);

struct RunContext {
  const sweeps::SweepFile& sweep;
  const sweeps::SweepPlan& plan;
  const sweeps::SweepScenarioBuilder& builder;
  const RunBuilder& runs;  // one builder, so a learned router trains once per point for the whole sweep
  const std::vector<results::ColumnSpec>& columns;
  bool record_windows = false;
};

// Executes one run. Never throws for a failing run: the error goes into the record (ok = false).
results::RunRecord execute_run(const RunContext& context, const sweeps::PlannedRun& run);

}  // namespace routelab::cli
