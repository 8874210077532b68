#pragma once
// The pending-event set: a binary min-heap of plain 24-byte records ordered by
// (tick, priority, insertion sequence). No allocation per event and no std::function: the
// simulation decodes `data` itself, which keeps the hot loop within reach of a bare heap.
#include <cstdint>
#include <vector>

#include "core/types.hpp"

namespace routelab {

struct Event {
  Tick tick = 0;
  std::uint64_t order = 0;  // priority in the top 8 bits, insertion sequence below
  std::uint64_t data = 0;   // payload, interpreted by the owner of the queue

  std::uint8_t priority() const { return static_cast<std::uint8_t>(order >> 56); }
};

class EventQueue {
 public:
  void reserve(std::size_t n) { heap_.reserve(n); }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  const Event& top() const { return heap_.front(); }

  void push(Tick tick, std::uint8_t priority, std::uint64_t data) {
    const std::uint64_t order = (static_cast<std::uint64_t>(priority) << 56) | (next_sequence_++ & kSequenceMask);
    heap_.push_back(Event{tick, order, data});
    sift_up(heap_.size() - 1);
  }

  Event pop() {
    Event result = heap_.front();
    Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
    return result;
  }

 private:
  static constexpr std::uint64_t kSequenceMask = (std::uint64_t{1} << 56) - 1;

  static bool before(const Event& a, const Event& b) {
    return a.tick < b.tick || (a.tick == b.tick && a.order < b.order);
  }

  void sift_up(std::size_t i) {
    Event moving = heap_[i];
    while (i > 0) {
      std::size_t parent = (i - 1) / 2;
      if (!before(moving, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = moving;
  }

  // Places `moving` starting from the root (the hole left by pop).
  void sift_down(const Event& moving) {
    const std::size_t n = heap_.size();
    std::size_t i = 0;
    for (;;) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
      if (!before(heap_[child], moving)) break;
      heap_[i] = heap_[child];
      i = child;
    }
    heap_[i] = moving;
  }

  std::vector<Event> heap_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace routelab
