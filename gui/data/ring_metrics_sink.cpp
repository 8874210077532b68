#include "gui/data/ring_metrics_sink.hpp"

namespace routelab::gui {

void RingMetricsSink::on_window(const LoadWindow& window) {
  fill_window_record(window, scratch_);
  ring_.push_window(scratch_);
  windows_seen_.fetch_add(1, std::memory_order_release);
}

void RingMetricsSink::on_event(const OverloadEvent& event) {
  ring_.push_event(event);
  events_seen_.fetch_add(1, std::memory_order_release);
}

void RingMetricsSink::on_finish(const Summary& summary) { ring_.push_summary(summary); }

}  // namespace routelab::gui
