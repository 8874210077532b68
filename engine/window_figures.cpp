#include "engine/window_figures.hpp"

#include <algorithm>
#include <limits>

#include "engine/metrics.hpp"

namespace routelab {

WindowFigures compute_window_figures(std::span<const std::int64_t> arrivals, std::span<const std::int64_t> drops,
                                     std::span<const std::int64_t> peak_queue, std::span<const double> utilization,
                                     std::span<const std::int64_t> completed_latencies,
                                     std::vector<std::int64_t>& scratch) {
  WindowFigures f;
  for (const std::int64_t a : arrivals) {
    f.arrivals += a;
    f.max_arrivals = std::max(f.max_arrivals, a);
  }
  if (!arrivals.empty()) f.mean_arrivals = static_cast<double>(f.arrivals) / static_cast<double>(arrivals.size());
  f.max_over_mean = max_over_mean(arrivals);
  for (const std::int64_t d : drops) f.drops += d;
  if (f.arrivals > 0) f.drop_rate = static_cast<double>(f.drops) / static_cast<double>(f.arrivals);
  for (const std::int64_t q : peak_queue) f.max_peak_queue = std::max(f.max_peak_queue, q);
  double busy = 0;
  for (const double u : utilization) {
    busy += u;
    f.utilization_max = std::max(f.utilization_max, u);
  }
  if (!utilization.empty()) f.utilization_mean = busy / static_cast<double>(utilization.size());
  f.completed_tokens = static_cast<std::int64_t>(completed_latencies.size());
  if (completed_latencies.empty()) {
    f.latency_p99 = std::numeric_limits<double>::quiet_NaN();
  } else {
    scratch.assign(completed_latencies.begin(), completed_latencies.end());
    const auto nth = scratch.begin() + static_cast<std::ptrdiff_t>(nearest_rank(0.99, scratch.size()) - 1);
    std::nth_element(scratch.begin(), nth, scratch.end());
    f.latency_p99 = static_cast<double>(*nth);
  }
  return f;
}

}  // namespace routelab
