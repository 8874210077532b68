#pragma once
// Helpers of the GUI benchmark: a synthetic window feed through the real sink/ring/history path,
// process memory from /proc, and small statistics.
#include <cstdint>
#include <vector>

#include "gui/data/metrics_ring.hpp"
#include "gui/data/ring_metrics_sink.hpp"

namespace routelab::gui::bench {

// Pushes `windows` windows of `experts` experts through `sink`, as a simulation thread would:
// loads around a fair share with a few hot experts drifting over time, so the heatmap has structure.
void feed_synthetic_windows(RingMetricsSink& sink, int experts, std::int64_t windows);

struct ProcessMemory {
  double rss_mib = 0;
  double peak_rss_mib = 0;
};
ProcessMemory process_memory();  // from /proc/self/status (Linux)

struct Stats {
  double median = 0, p95 = 0, max = 0, mean = 0;
  std::size_t count = 0;
};
Stats stats_of(std::vector<double> values);

}  // namespace routelab::gui::bench
