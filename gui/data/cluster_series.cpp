#include "gui/data/cluster_series.hpp"

#include <algorithm>
#include <limits>

namespace routelab::gui {

namespace {

class ClusterSeries : public SeriesSource {
 public:
  ClusterSeries(const RunHistory& run, ClusterLine which) : run_(run), cluster_(*run.cluster()), which_(which) {}
  // In the run's windows, as the axis counts them: those the cluster's closed windows span, up to
  // the run's last (a cluster window can reach past it).
  std::int64_t size() const override { return std::min(cluster_.run_windows(), run_.windows()); }
  const WindowCoverage* coverage() const override { return &run_.coverage(); }
  Envelope envelope(std::int64_t first, std::int64_t last) const override {
    first = std::max<std::int64_t>(first, 0);
    last = std::min(last, size());
    if (first >= last) return {};
    // Each of the run's windows holds its cluster window's value (a step per batch interval).
    return envelope_of(cluster_.window_of_run_window(first), cluster_.window_of_run_window(last - 1) + 1,
                       [this](std::int64_t w) { return value_of(static_cast<std::size_t>(w)); });
  }

 private:
  double value_of(std::size_t w) const {
    const double steps = cluster_.scalar(ClusterScalar::steps)[w];
    if (steps == 0) return std::numeric_limits<double>::quiet_NaN();
    switch (which_) {
      case ClusterLine::slowest_step_us: return cluster_.scalar(ClusterScalar::step_max_us)[w];
      case ClusterLine::alltoall_mean_us: return cluster_.scalar(ClusterScalar::alltoall_sum_us)[w] / steps;
      case ClusterLine::straggler_mean: return cluster_.scalar(ClusterScalar::straggler_sum)[w] / steps;
    }
    return std::numeric_limits<double>::quiet_NaN();
  }

  const RunHistory& run_;
  const ClusterHistory& cluster_;
  ClusterLine which_;
};

}  // namespace

std::unique_ptr<SeriesSource> cluster_series(const RunHistory& run, ClusterLine which) {
  return std::make_unique<ClusterSeries>(run, which);
}

}  // namespace routelab::gui
