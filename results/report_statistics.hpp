#pragma once
// The numbers of `routelab report`: per (scenario point, router), the mean, standard deviation
// and 95% confidence interval (Student's t) of every numeric metric over the replications, and a
// ranking of the routers at each point. Pure computation; the CLI formats it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "results/results_store.hpp"

namespace routelab::results {

struct MetricStatistics {
  std::size_t n = 0;
  double mean = 0;
  double stddev = 0;     // sample standard deviation (n - 1); NaN when n < 2
  double ci95 = 0;       // half-width of the 95% confidence interval of the mean; NaN when n < 2
  double min = 0;
  double max = 0;
};

struct GroupStatistics {
  std::string router;
  std::size_t ok = 0;
  std::size_t failed = 0;
  std::string first_error;
  std::vector<MetricStatistics> metrics;  // aligned with ReportData::metric_names
};

struct PointStatistics {
  std::string point_id;
  std::string parameters;          // canonical "key = value, ..."
  std::vector<Cell> parameter_values;  // aligned with ReportData::parameter_names
  std::vector<GroupStatistics> routers;  // in plan order
};

struct ReportData {
  std::vector<std::string> parameter_names;
  std::vector<std::string> metric_names;  // numeric metric and wall-clock columns
  std::vector<PointStatistics> points;    // in plan order
  std::int64_t planned_runs = 0;
  std::int64_t stored_runs = 0;
};

// Streams every run of the store once (memory grows with points x routers, not with runs).
ReportData summarize_results(const ResultsStore& store);

// Routers at one point ordered best first by metric `metric` (lower is better unless
// `higher_is_better`); routers without a value for it come last, ties keep plan order.
std::vector<std::size_t> rank_routers(const PointStatistics& point, std::size_t metric, bool higher_is_better);

}  // namespace routelab::results
