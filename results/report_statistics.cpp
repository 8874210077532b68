#include "results/report_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "results/confidence_interval.hpp"

namespace routelab::results {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Running moments by Welford's method: one pass, stable for metrics with large means.
struct Accumulator {
  std::size_t n = 0;
  double mean = 0;
  double m2 = 0;
  double min = 0;
  double max = 0;
  void add(double x) {
    ++n;
    const double delta = x - mean;
    mean += delta / static_cast<double>(n);
    m2 += delta * (x - mean);
    min = n == 1 ? x : std::min(min, x);
    max = n == 1 ? x : std::max(max, x);
  }
  MetricStatistics finish() const {
    MetricStatistics s;
    s.n = n;
    s.mean = n ? mean : kNaN;
    s.min = n ? min : kNaN;
    s.max = n ? max : kNaN;
    s.stddev = n > 1 ? std::sqrt(m2 / static_cast<double>(n - 1)) : kNaN;
    s.ci95 = n > 1 ? student_t_975(static_cast<int>(n - 1)) * s.stddev / std::sqrt(static_cast<double>(n)) : kNaN;
    return s;
  }
};

struct Group {
  GroupStatistics statistics;
  std::vector<Accumulator> accumulators;
};

struct Point {
  PointStatistics statistics;
  std::vector<Group> groups;
  std::map<std::string, std::size_t> group_index;
};

bool numeric(ColumnType type) { return type == ColumnType::integer || type == ColumnType::real; }

}  // namespace

ReportData summarize_results(const ResultsStore& store) {
  const StoreIdentity& identity = store.identity();
  ReportData data;
  data.planned_runs = identity.planned_runs;
  std::vector<std::size_t> parameter_columns;
  std::vector<std::size_t> metric_columns;
  for (std::size_t i = 0; i < identity.columns.size(); ++i) {
    const ColumnSpec& column = identity.columns[i];
    if (column.role == ColumnRole::parameter) {
      data.parameter_names.push_back(column.name);
      parameter_columns.push_back(i);
    } else if (numeric(column.type)) {
      data.metric_names.push_back(column.name);
      metric_columns.push_back(i);
    }
  }
  std::vector<Point> points;
  std::map<std::string, std::size_t> point_index;
  store.for_each_run([&](const StoredRun& run) {
    ++data.stored_runs;
    auto [where, inserted] = point_index.emplace(run.point_id, points.size());
    if (inserted) {
      Point point;
      point.statistics.point_id = run.point_id;
      point.statistics.parameters = run.parameters;
      for (const std::size_t column : parameter_columns) point.statistics.parameter_values.push_back(run.cells[column]);
      points.push_back(std::move(point));
    }
    Point& point = points[where->second];
    auto [group_where, new_group] = point.group_index.emplace(run.router, point.groups.size());
    if (new_group) {
      Group group;
      group.statistics.router = run.router;
      group.accumulators.resize(metric_columns.size());
      point.groups.push_back(std::move(group));
    }
    Group& group = point.groups[group_where->second];
    if (!run.ok) {
      ++group.statistics.failed;
      if (group.statistics.first_error.empty()) group.statistics.first_error = run.error;
      return;
    }
    ++group.statistics.ok;
    for (std::size_t m = 0; m < metric_columns.size(); ++m) {
      const Cell& cell = run.cells[metric_columns[m]];
      if (const auto* i = std::get_if<std::int64_t>(&cell)) group.accumulators[m].add(static_cast<double>(*i));
      if (const auto* d = std::get_if<double>(&cell)) group.accumulators[m].add(*d);
    }
  });
  for (auto& point : points) {
    for (auto& group : point.groups) {
      for (const auto& accumulator : group.accumulators) group.statistics.metrics.push_back(accumulator.finish());
      point.statistics.routers.push_back(std::move(group.statistics));
    }
    data.points.push_back(std::move(point.statistics));
  }
  return data;
}

std::vector<std::size_t> rank_routers(const PointStatistics& point, std::size_t metric, bool higher_is_better) {
  std::vector<std::size_t> order(point.routers.size());
  std::iota(order.begin(), order.end(), 0);
  auto value = [&](std::size_t r) {
    const MetricStatistics& s = point.routers[r].metrics[metric];
    return s.n == 0 ? kNaN : (higher_is_better ? -s.mean : s.mean);
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double x = value(a);
    const double y = value(b);
    if (std::isnan(x) || std::isnan(y)) return !std::isnan(x) && std::isnan(y);
    return x < y;
  });
  return order;
}

}  // namespace routelab::results
