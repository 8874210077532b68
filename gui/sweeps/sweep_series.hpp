#pragma once
// A sweep as chart lines: one metric against one swept parameter, one line per router, each
// point the mean over the replications that succeeded with its 95% confidence interval --
// Student's t with n - 1 degrees of freedom, from results/confidence_interval.hpp, the same
// interval `routelab report` prints (a single replication has none). The other swept parameters
// are held fixed at one "slice"; a parameter that moves with the chosen one (a [[zip]] partner)
// is not a slice dimension, since it has one value per x.
#include <cstddef>
#include <string>
#include <vector>

#include "gui/sweeps/sweep_runs.hpp"
#include "results/confidence_interval.hpp"

namespace routelab::gui {

struct SweepSlice {
  std::string label;  // "tokens.zipf_s = 0.8, experts.count = 16", or "every point"
  std::vector<std::pair<std::size_t, std::string>> fixed;  // parameter index, value as text
};

struct SweepSeriesPoint {
  double x = 0;         // the parameter's value, or its category index when not numeric
  std::string x_label;  // the value as text
  results::MeanInterval y;
  std::vector<std::size_t> runs;  // indexes into SweepRuns::runs of the ok runs averaged here
};

struct SweepSeries {
  std::string router;
  std::vector<SweepSeriesPoint> points;  // ascending x
};

struct SweepChartData {
  std::string x_key;
  std::string metric;
  bool categorical = false;             // x values are not all numbers: drawn at 0, 1, 2, ...
  std::vector<std::string> categories;  // the x labels when categorical
  std::vector<SweepSeries> series;      // routers in the database's plan order
  std::size_t left_out = 0;             // runs of the slice that failed or have no value
};

// The slices for charting against parameter `x` (index into parameter_keys), sorted by label.
std::vector<SweepSlice> sweep_slices(const SweepRuns& runs, std::size_t x);

SweepChartData sweep_chart_data(const SweepRuns& runs, std::size_t x, std::size_t metric, const SweepSlice& slice);

}  // namespace routelab::gui
