#pragma once
// The pending-event set: a 4-ary min-heap of plain 24-byte records ordered by
// (tick, priority, insertion sequence). No allocation per event and no std::function: the
// simulation decodes `data` itself, which keeps the hot loop within reach of a bare heap.
//
// Two choices make it faster than a binary heap on the simulator's pattern (pop an event, then
// usually schedule one while handling it), without changing which event comes out when: the
// order is a strict total order (the sequence breaks every tie), so any correct heap pops the
// same sequence.
// - Four children per node: half the levels, and a node's children sit side by side in memory.
// - A pop leaves the root as a hole instead of moving the last record up at once; a push that
//   follows fills the hole and sifts down once, where pop + push would sift down and then up.
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
  bool empty() const { return heap_.size() == hole(); }
  std::size_t size() const { return heap_.size() - hole(); }
  const Event& top() {
    settle();
    return heap_.front();
  }

  void push(Tick tick, std::uint8_t priority, std::uint64_t data) {
    const std::uint64_t order = (static_cast<std::uint64_t>(priority) << 56) | (next_sequence_++ & kSequenceMask);
    const Event event{tick, order, data};
    if (root_is_hole_) {
      root_is_hole_ = false;
      sift_down(event);
      return;
    }
    heap_.push_back(event);
    sift_up(heap_.size() - 1);
  }

  Event pop() {
    settle();
    root_is_hole_ = true;
    return heap_.front();
  }

 private:
  static constexpr std::uint64_t kSequenceMask = (std::uint64_t{1} << 56) - 1;
  static constexpr std::size_t kArity = 4;

  std::size_t hole() const { return root_is_hole_ ? 1 : 0; }

  static bool before(const Event& a, const Event& b) {
    return a.tick < b.tick || (a.tick == b.tick && a.order < b.order);
  }

  // Removes the hole a pop left at the root: the last record takes its place.
  void settle() {
    if (!root_is_hole_) return;
    root_is_hole_ = false;
    const Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
  }

  void sift_up(std::size_t i) {
    const Event moving = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!before(moving, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = moving;
  }

  // (tick, order) as one unsigned 128-bit number, so an ordering test is one wide compare that
  // the compiler can turn into conditional moves (ticks are never negative).
  static unsigned __int128 key(const Event& e) {
    return (static_cast<unsigned __int128>(static_cast<std::uint64_t>(e.tick)) << 64) | e.order;
  }

  // Places `moving` starting from the root (the hole left by pop). The earliest of a node's
  // children is found without branches: which child wins is data, and mispredicted branches were
  // most of the cost.
  void sift_down(const Event& moving) {
    const std::size_t n = heap_.size();
    const unsigned __int128 moving_key = key(moving);
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = kArity * i + 1;
      if (first >= n) break;
      std::size_t best = first;
      unsigned __int128 best_key = key(heap_[first]);
      const std::size_t end = first + kArity < n ? first + kArity : n;
      for (std::size_t child = first + 1; child < end; ++child) {
        const unsigned __int128 child_key = key(heap_[child]);
        const bool earlier = child_key < best_key;
        best = earlier ? child : best;
        best_key = earlier ? child_key : best_key;
      }
      if (best_key >= moving_key) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = moving;
  }

  std::vector<Event> heap_;
  std::uint64_t next_sequence_ = 0;
  bool root_is_hole_ = false;  // the root was popped and not yet refilled
};

}  // namespace routelab
