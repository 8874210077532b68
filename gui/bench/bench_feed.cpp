#include "gui/bench/bench_feed.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>

#include "core/rng_streams.hpp"

namespace routelab::gui::bench {

void feed_synthetic_windows(RingMetricsSink& sink, int experts, std::int64_t windows) {
  constexpr Tick kWindowTicks = 16000;
  const auto e_count = static_cast<std::size_t>(experts);
  std::vector<std::int64_t> arrivals(e_count), drops(e_count), peak(e_count), latencies(256);
  std::vector<double> utilization(e_count);
  std::vector<std::int64_t> latency_scratch;
  for (std::int64_t w = 0; w < windows; ++w) {
    const auto hot = static_cast<int>((w / 500) % experts);  // a hot spot that moves every 500 windows
    for (int e = 0; e < experts; ++e) {
      const std::uint64_t noise = mix64(static_cast<std::uint64_t>(w) * 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(e));
      const auto i = static_cast<std::size_t>(e);
      arrivals[i] = 120 + static_cast<std::int64_t>(noise % 40) + (e == hot ? 150 : 0);
      drops[i] = arrivals[i] > 200 ? arrivals[i] - 200 : 0;
      peak[i] = static_cast<std::int64_t>((noise >> 20) % 24) + (e == hot ? 40 : 0);
      utilization[i] = std::min(1.0, static_cast<double>(arrivals[i]) / 220.0);
    }
    for (std::size_t t = 0; t < latencies.size(); ++t) latencies[t] = 600 + static_cast<std::int64_t>(mix64(static_cast<std::uint64_t>(w * 256) + t) % 1500);
    LoadWindow window{w, w * kWindowTicks, (w + 1) * kWindowTicks, arrivals, drops, peak, utilization, latencies};
    window.figures = compute_window_figures(arrivals, drops, peak, utilization, latencies, latency_scratch);
    sink.on_window(window);
    if (w % 997 == 0) sink.on_event(OverloadEvent{hot, w * kWindowTicks, w * kWindowTicks + 3200, 64, OverloadCause::queue_above_threshold});
  }
}

ProcessMemory process_memory() {
  ProcessMemory memory;
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    std::istringstream fields(line);
    std::string key;
    double kib = 0;
    fields >> key >> kib;
    if (key == "VmRSS:") memory.rss_mib = kib / 1024.0;
    if (key == "VmHWM:") memory.peak_rss_mib = kib / 1024.0;
  }
  return memory;
}

Stats stats_of(std::vector<double> values) {
  Stats s;
  s.count = values.size();
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  auto rank = [&](double q) {
    const auto r = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(r, 1, values.size()) - 1];
  };
  s.median = rank(0.5);
  s.p95 = rank(0.95);
  s.max = values.back();
  s.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  return s;
}

}  // namespace routelab::gui::bench
