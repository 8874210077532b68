#pragma once
// The hand-over point between a simulation thread (producer) and the UI thread (consumer): a
// lock-protected ring of window records plus the overload events and the final summary.
//
// Neither side ever waits for the other beyond a short critical section: push swaps one record
// into a slot (O(1)); drain swaps the pending records out (O(pending)); nothing is copied or
// allocated under the lock in steady state because buffers travel back and forth by swapping.
// If the UI falls behind and the ring fills up, it grows instead of making the simulation wait
// (the UI drains every frame, so in practice it stays at its initial size).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <mutex>
#include <optional>
#include <vector>

#include "engine/metrics.hpp"
#include "gui/data/window_record.hpp"

namespace routelab::gui {

class MetricsRing {
 public:
  // 1,024 windows is ~30 s of UI stall at the fastest run this machine produced (a few hundred
  // windows per 30 ms frame at 256 experts), so growth is an exception.
  static constexpr std::size_t kInitialSlots = 1024;

  explicit MetricsRing(std::size_t initial_slots = kInitialSlots);

  // Producer side. push_window leaves `record` holding a recycled buffer of an earlier window.
  void push_window(WindowRecord& record);
  void push_event(const OverloadEvent& event);
  void push_summary(const Summary& summary);

  // Consumer side: moves up to `max_windows` pending windows (oldest first), every pending event,
  // and the summary once no window is left, into the out-parameters (which it resizes); their old
  // buffers go back into the ring for reuse. A ring that grew returns to its initial size once
  // emptied, so a stall of the UI costs memory only while it lasts. Returns the windows drained.
  std::size_t drain(std::vector<WindowRecord>& windows, std::vector<OverloadEvent>& events,
                    std::optional<Summary>& summary, std::size_t max_windows = std::numeric_limits<std::size_t>::max());

  std::size_t capacity() const;
  std::size_t pending() const;
  std::int64_t growths() const;

 private:
  void grow();

  mutable std::mutex mutex_;
  std::size_t initial_slots_;
  std::vector<WindowRecord> slots_;
  std::size_t head_ = 0;   // oldest pending slot
  std::size_t count_ = 0;  // pending slots
  std::int64_t growths_ = 0;
  std::vector<OverloadEvent> events_;
  std::optional<Summary> summary_;
};

}  // namespace routelab::gui
