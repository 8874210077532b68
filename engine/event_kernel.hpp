#pragma once
// The event kernel of one run: the clock, the pending events and the trajectory fingerprint.
// It knows three kinds of event and how they are packed into the 64-bit payload of an EventQueue
// record; what an event means is up to the simulation that schedules it.
#include <cstdint>

#include "engine/event_queue.hpp"
#include "core/types.hpp"

namespace routelab {

enum class EventKind : std::uint64_t { window_close = 0, service_completion = 1, batch_arrival = 2 };

struct KernelEvent {
  EventKind kind = EventKind::window_close;
  ExpertId expert = 0;      // service_completion only
  std::uint64_t token = 0;  // service_completion only: the token's index in the stream
};

class EventKernel {
 public:
  // Token indices travel in 40 bits of the payload (and expert ids in 22).
  static constexpr std::uint64_t kTokenBits = 40;
  static constexpr std::uint64_t kExpertBits = 22;
  static constexpr std::uint64_t kMaxTokens = (std::uint64_t{1} << kTokenBits) - 1;

  EventKernel() { queue_.reserve(1024); }

  void schedule_window_close(Tick at);
  void schedule_completion(Tick at, ExpertId expert, std::uint64_t token);
  void schedule_batch_arrival(Tick at);

  bool empty() const { return queue_.empty(); }
  // Pops the earliest event, moves the clock to it and folds it into the fingerprint.
  KernelEvent next();

  Tick now() const { return now_; }
  std::int64_t events() const { return events_; }
  // A hash of every (tick, payload) processed, in order: equal fingerprints mean equal trajectories.
  std::uint64_t fingerprint() const { return fingerprint_; }

 private:
  EventQueue queue_;
  Tick now_ = 0;
  std::int64_t events_ = 0;
  std::uint64_t fingerprint_ = 0xcbf29ce484222325ULL;
};

}  // namespace routelab
