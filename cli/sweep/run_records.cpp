#include "cli/sweep/run_records.hpp"

#include <algorithm>
#include <chrono>
#include <exception>

#include "cli/summary_report.hpp"
#include "engine/metrics_sink.hpp"
#include "core/rng_streams.hpp"
#include "engine/summary_metrics.hpp"
#include "engine/window_history.hpp"
#include "scenarios/run_budget.hpp"

namespace routelab::cli {

namespace {

// Summary fields that are columns of their own in the runs table already.
constexpr const char* kIdentityFields[] = {"router", "replication"};
constexpr const char* kRunWallColumn = "run_wall_seconds";

results::ColumnType column_type(const nlohmann::ordered_json& value) {
  if (value.is_number_float()) return results::ColumnType::real;
  if (value.is_number() || value.is_boolean()) return results::ColumnType::integer;
  return results::ColumnType::text;  // strings, and lists stored as JSON text
}

results::Cell to_cell(const nlohmann::ordered_json& value) {
  if (value.is_number_float()) return value.get<double>();
  if (value.is_number_unsigned()) return static_cast<std::int64_t>(value.get<std::uint64_t>());
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_boolean()) return std::int64_t{value.get<bool>() ? 1 : 0};
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return std::monostate{};
  return value.dump();
}

results::Cell to_cell(const sweeps::ParamValue& value) {
  switch (value.kind) {
    case sweeps::ValueKind::boolean: return std::int64_t{value.boolean ? 1 : 0};
    case sweeps::ValueKind::integer: return value.integer;
    case sweeps::ValueKind::floating: return value.floating;
    case sweeps::ValueKind::string: return value.string;
    case sweeps::ValueKind::composite: return value.canonical;
  }
  return std::monostate{};
}

// Summary fields measured with the wall clock (engine/summary_metrics.hpp): stored, but left out
// of every comparison.
bool wall_clock(const std::string& name) {
  const SummaryMetric* metric = find_summary_metric(name);
  return metric != nullptr && !metric->deterministic;
}

template <std::size_t N>
bool listed(const char* const (&names)[N], const std::string& name) {
  return std::find_if(std::begin(names), std::end(names), [&](const char* n) { return name == n; }) != std::end(names);
}

// Keeps a per-window digest for the optional windows table: the window's figures (totals and
// extremes over experts) as the run statistics computed them, one row per window -- or per span
// of windows once a long run has more than WindowHistory::kDefaultMaxRows (engine/window_history).
class WindowDigest : public MetricsSink {
 public:
  void on_window(const LoadWindow& window) override { history_.add(window); }
  std::vector<results::WindowRow> rows() const {
    std::vector<results::WindowRow> out;
    for (const WindowSpanRecord& r : history_.rows()) {
      const WindowFigures& f = r.figures;
      out.push_back(results::WindowRow{r.first_index, r.start, r.end, f.arrivals, f.drops, f.max_peak_queue,
                                       f.max_over_mean, f.utilization_mean, f.utilization_max});
    }
    return out;
  }

 private:
  WindowHistory history_;
};

}  // namespace

std::vector<results::ColumnSpec> sweep_columns(const std::vector<std::string>& parameter_keys, bool cluster_metrics) {
  std::vector<results::ColumnSpec> columns;
  for (const auto& key : parameter_keys)
    columns.push_back({key, results::ColumnRole::parameter, results::ColumnType::any});
  RunResult example_result;
  if (cluster_metrics) example_result.summary.cluster = ClusterFigures{};
  const auto example = result_to_json(example_result);
  for (const auto& [name, value] : example.items()) {
    if (listed(kIdentityFields, name)) continue;
    columns.push_back({name, wall_clock(name) ? results::ColumnRole::wall : results::ColumnRole::metric,
                       column_type(value)});
  }
  columns.push_back({kRunWallColumn, results::ColumnRole::wall, results::ColumnType::real});
  return columns;
}

bool sweep_has_cluster(const sweeps::SweepPlan& plan, const sweeps::SweepScenarioBuilder& builder) {
  for (const sweeps::SweepPoint& point : plan.points) {
    try {
      return builder.scenario_for(point.parameters).cluster.enabled;
    } catch (const sweeps::SweepPointError&) {
      // an invalid point fails as a recorded run; the next one tells
    }
  }
  return false;
}

results::RunRecord execute_run(const RunContext& context, const sweeps::PlannedRun& run) {
  const auto started = std::chrono::steady_clock::now();
  const sweeps::SweepPoint& point = context.plan.points[run.point];
  const sweeps::SweepRouter& router = context.sweep.routers[run.router];
  results::RunRecord record;
  record.run_id = run.run_id;
  record.params_fingerprint = run.params_fingerprint;
  record.point_id = point.point_id;
  record.plan_index = static_cast<std::int64_t>(run.index);
  record.parameters = point.canonical;
  record.router = router.label;
  record.router_name = router.name;
  record.router_params = router.canonical_params;
  record.replication = static_cast<std::int64_t>(run.replication);
  record.cells.assign(context.columns.size(), std::monostate{});
  try {
    const ScenarioSpec spec = context.builder.scenario_for(point.parameters);
    check_run_budget(spec);  // a runaway point fails as a recorded run, not as years of work
    const RouterSpec router_spec{router.name, router.params};
    record.master_seed = std::to_string(spec.simulation.master_seed);
    // "workload" is the stream name SyntheticWorkload draws from (synthetic_workload.hpp).
    record.workload_seed = std::to_string(derive_stream_seed(spec.simulation.master_seed, run.replication, "workload"));
    record.router_seed = std::to_string(make_router_config(spec, router_spec, run.replication).seed);
    WindowDigest windows;
    std::vector<MetricsSink*> sinks;
    if (context.record_windows) sinks.push_back(&windows);
    const RunResult result = context.runs.build(spec, RunKey{router_spec, run.replication, 0}, sinks)->run();
    const auto summary = result_to_json(result);
    for (std::size_t c = 0; c < context.columns.size(); ++c) {
      const results::ColumnSpec& column = context.columns[c];
      if (column.role == results::ColumnRole::parameter) continue;
      if (auto found = summary.find(column.name); found != summary.end()) record.cells[c] = to_cell(*found);
    }
    record.windows = windows.rows();
  } catch (const std::exception& error) {
    record.ok = false;
    record.error = error.what();
    record.windows.clear();
  }
  for (std::size_t c = 0; c < context.columns.size(); ++c) {
    const results::ColumnSpec& column = context.columns[c];
    if (column.role != results::ColumnRole::parameter) continue;
    for (const auto& [key, value] : point.parameters)
      if (key == column.name) record.cells[c] = to_cell(value);
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (std::size_t c = 0; c < context.columns.size(); ++c)
    if (context.columns[c].name == kRunWallColumn) record.cells[c] = wall;
  return record;
}

}  // namespace routelab::cli
