#pragma once
// The per-window figures over all experts, computed once by the run statistics and handed to
// every sink with the window (the app's plots, the sweep's windows table, the summary's
// max/mean over windows), so no front end recomputes them its own way.
#include <cstdint>
#include <span>
#include <vector>

#include "core/types.hpp"

namespace routelab {

struct WindowFigures {
  std::int64_t arrivals = 0;       // assignments routed in the window, all experts
  std::int64_t max_arrivals = 0;   // the busiest expert's
  double mean_arrivals = 0;        // per expert
  double max_over_mean = 0;        // max_arrivals / mean_arrivals; 0 when nothing arrived
  std::int64_t drops = 0;
  double drop_rate = 0;            // drops / arrivals; 0 when nothing arrived
  std::int64_t max_peak_queue = 0;
  double utilization_mean = 0;
  double utilization_max = 0;
  std::int64_t completed_tokens = 0;
  double latency_p99 = 0;          // nearest rank over the tokens completed in the window; NaN if none
};

// `scratch` is reused between calls, so that a window costs no allocation.
WindowFigures compute_window_figures(std::span<const std::int64_t> arrivals, std::span<const std::int64_t> drops,
                                     std::span<const std::int64_t> peak_queue, std::span<const double> utilization,
                                     std::span<const std::int64_t> completed_latencies,
                                     std::vector<std::int64_t>& scratch);

}  // namespace routelab
