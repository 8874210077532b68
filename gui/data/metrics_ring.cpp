#include "gui/data/metrics_ring.hpp"

#include <algorithm>
#include <utility>

namespace routelab::gui {

MetricsRing::MetricsRing(std::size_t initial_slots)
    : initial_slots_(std::max<std::size_t>(initial_slots, 1)), slots_(initial_slots_) {}

void MetricsRing::grow() {
  std::vector<WindowRecord> bigger(slots_.size() * 2);
  for (std::size_t i = 0; i < count_; ++i) bigger[i] = std::move(slots_[(head_ + i) % slots_.size()]);
  slots_ = std::move(bigger);
  head_ = 0;
  ++growths_;
}

void MetricsRing::push_window(WindowRecord& record) {
  std::lock_guard lock(mutex_);
  if (count_ == slots_.size()) grow();
  std::swap(slots_[(head_ + count_) % slots_.size()], record);
  ++count_;
}

void MetricsRing::push_event(const OverloadEvent& event) {
  std::lock_guard lock(mutex_);
  events_.push_back(event);
}

void MetricsRing::push_summary(const Summary& summary) {
  std::lock_guard lock(mutex_);
  summary_ = summary;
}

std::size_t MetricsRing::drain(std::vector<WindowRecord>& windows, std::vector<OverloadEvent>& events,
                               std::optional<Summary>& summary, std::size_t max_windows) {
  std::lock_guard lock(mutex_);
  const std::size_t drained = std::min(count_, max_windows);
  if (windows.size() < drained) windows.resize(drained);
  for (std::size_t i = 0; i < drained; ++i) std::swap(windows[i], slots_[(head_ + i) % slots_.size()]);
  windows.resize(drained);
  head_ = (head_ + drained) % slots_.size();
  count_ -= drained;
  events.clear();
  std::swap(events, events_);
  summary.reset();
  if (count_ == 0) {
    summary = std::exchange(summary_, std::nullopt);
    if (slots_.size() > initial_slots_) {
      std::vector<WindowRecord>(initial_slots_).swap(slots_);
      head_ = 0;
    }
  }
  return drained;
}

std::size_t MetricsRing::capacity() const {
  std::lock_guard lock(mutex_);
  return slots_.size();
}

std::size_t MetricsRing::pending() const {
  std::lock_guard lock(mutex_);
  return count_;
}

std::int64_t MetricsRing::growths() const {
  std::lock_guard lock(mutex_);
  return growths_;
}

}  // namespace routelab::gui
