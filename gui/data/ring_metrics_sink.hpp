#pragma once
// The GUI's metrics sink: runs on the simulation thread, copies each window into a MetricsRing and
// returns at once. It never touches a widget and never waits for a paint.
#include <atomic>
#include <cstdint>
#include <vector>

#include "engine/metrics_sink.hpp"
#include "gui/data/metrics_ring.hpp"

namespace routelab::gui {

class RingMetricsSink : public MetricsSink {
 public:
  explicit RingMetricsSink(MetricsRing& ring) : ring_(ring) {}

  void on_window(const LoadWindow& window) override;
  void on_event(const OverloadEvent& event) override;
  void on_finish(const Summary& summary) override;

  // Read from any thread: lets the run loop stop at the next overload without draining the ring.
  std::int64_t events_seen() const { return events_seen_.load(std::memory_order_acquire); }
  std::int64_t windows_seen() const { return windows_seen_.load(std::memory_order_acquire); }

 private:
  MetricsRing& ring_;
  WindowRecord scratch_;
  std::atomic<std::int64_t> events_seen_{0};
  std::atomic<std::int64_t> windows_seen_{0};
};

}  // namespace routelab::gui
