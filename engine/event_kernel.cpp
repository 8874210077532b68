#include "engine/event_kernel.hpp"

#include "core/rng_streams.hpp"

namespace routelab {

namespace {

constexpr std::uint64_t kTokenMask = EventKernel::kMaxTokens;
constexpr std::uint64_t kExpertMask = (std::uint64_t{1} << EventKernel::kExpertBits) - 1;
constexpr std::uint64_t kKindShift = EventKernel::kTokenBits + EventKernel::kExpertBits;

// Same-tick order: close the window first (it covers [start, end)), then completions free
// servers, then a batch arrives and sees them free.
constexpr std::uint8_t kWindowPriority = 0;
constexpr std::uint8_t kCompletionPriority = 1;
constexpr std::uint8_t kArrivalPriority = 2;

// The payload layout is part of the fingerprint: changing it changes every golden file.
std::uint64_t pack(EventKind kind, ExpertId expert, std::uint64_t token) {
  return (static_cast<std::uint64_t>(kind) << kKindShift) |
         ((static_cast<std::uint64_t>(expert) & kExpertMask) << EventKernel::kTokenBits) | (token & kTokenMask);
}

}  // namespace

void EventKernel::schedule_window_close(Tick at) { queue_.push(at, kWindowPriority, pack(EventKind::window_close, 0, 0)); }

void EventKernel::schedule_completion(Tick at, ExpertId expert, std::uint64_t token) {
  queue_.push(at, kCompletionPriority, pack(EventKind::service_completion, expert, token));
}

void EventKernel::schedule_batch_arrival(Tick at) {
  queue_.push(at, kArrivalPriority, pack(EventKind::batch_arrival, 0, 0));
}

KernelEvent EventKernel::next() {
  const Event event = queue_.pop();
  now_ = event.tick;
  ++events_;
  fingerprint_ = mix64(fingerprint_ ^ static_cast<std::uint64_t>(event.tick));
  fingerprint_ = mix64(fingerprint_ ^ event.data);
  return KernelEvent{static_cast<EventKind>(event.data >> kKindShift),
                     static_cast<ExpertId>((event.data >> EventKernel::kTokenBits) & kExpertMask), event.data & kTokenMask};
}

}  // namespace routelab
