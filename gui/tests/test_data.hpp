#pragma once
// Synthetic windows and events for the GUI tests: deterministic values from the project's mix64.
#include <cstdint>
#include <vector>

#include "engine/metrics.hpp"
#include "core/rng_streams.hpp"
#include "gui/data/run_history.hpp"
#include "gui/data/window_record.hpp"

namespace routelab::gui::tests {

// Owns the buffers a LoadWindow points into.
struct SyntheticWindow {
  std::vector<std::int64_t> arrivals, drops, peak_queue, latencies;
  std::vector<double> utilization;
  // With its figures computed as the engine's run statistics compute them.
  LoadWindow view(std::int64_t index, Tick window_ticks) const {
    LoadWindow window{index, index * window_ticks, (index + 1) * window_ticks, arrivals, drops, peak_queue, utilization,
                      latencies};
    std::vector<std::int64_t> scratch;
    window.figures = compute_window_figures(arrivals, drops, peak_queue, utilization, latencies, scratch);
    return window;
  }
};

inline std::int64_t synthetic_value(std::uint64_t seed, std::int64_t window, int expert, std::int64_t modulo) {
  return static_cast<std::int64_t>(mix64(seed ^ mix64(static_cast<std::uint64_t>(window) * 1000003u + static_cast<std::uint64_t>(expert))) %
                                   static_cast<std::uint64_t>(modulo));
}

inline SyntheticWindow make_synthetic_window(std::uint64_t seed, std::int64_t window, int experts) {
  SyntheticWindow w;
  for (int e = 0; e < experts; ++e) {
    w.arrivals.push_back(synthetic_value(seed, window, e, 200));
    w.drops.push_back(synthetic_value(seed + 1, window, e, 10));
    w.peak_queue.push_back(synthetic_value(seed + 2, window, e, 50));
    w.utilization.push_back(static_cast<double>(synthetic_value(seed + 3, window, e, 100)) / 100.0);
  }
  for (int t = 0; t < 7; ++t) w.latencies.push_back(synthetic_value(seed + 4, window, t, 5000));
  return w;
}

// A run history filled with `windows` synthetic windows.
inline RunHistory make_synthetic_history(const std::string& label, int experts, std::int64_t windows,
                                         std::uint64_t seed = 7, Tick window_ticks = 100) {
  RunHistory history(label, experts, window_ticks);
  WindowRecord record;
  for (std::int64_t w = 0; w < windows; ++w) {
    const SyntheticWindow data = make_synthetic_window(seed, w, experts);
    fill_window_record(data.view(w, window_ticks), record);
    history.append(record);
  }
  return history;
}

}  // namespace routelab::gui::tests
