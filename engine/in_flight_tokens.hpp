#pragma once
// Per-token state of the tokens still in flight, in a ring keyed by the token's index in the
// stream. A token's slot is freed when it retires (its last assignment completed, or nothing was
// accepted); the ring holds the span from the oldest token still in flight to the newest, so
// memory follows what is in flight, not the run's length.
#include <cstdint>
#include <vector>

#include "core/types.hpp"

namespace routelab {

struct InFlightToken {
  std::uint64_t id = 0;            // Token::id as the workload issued it
  Tick arrival = 0;
  Tick dispatch = 0;               // the batch's tick: waits and sojourns at experts start here
  std::int32_t remaining = 0;      // accepted assignments not yet completed
  std::int32_t assignments = 0;    // expert ids the router wrote in the first k columns
  std::int32_t dropped = 0;        // of those, dropped by the overflow policy
  bool retired = false;
};

class InFlightTokens {
 public:
  InFlightTokens();

  // The next token's index in the stream (= tokens admitted so far).
  std::uint64_t admitted() const { return next_; }
  // A fresh slot for token `admitted()`; grows the ring when it is full. The reference is valid
  // until the next admit().
  InFlightToken& admit();
  InFlightToken& operator[](std::uint64_t token) { return slots_[token & mask_]; }
  const InFlightToken& operator[](std::uint64_t token) const { return slots_[token & mask_]; }
  // Frees the token's slot; slots are reclaimed from the oldest token on.
  void retire(std::uint64_t token);

  std::size_t capacity() const { return slots_.size(); }
  std::uint64_t span() const { return next_ - oldest_; }  // oldest in flight .. newest

 private:
  void grow();

  std::vector<InFlightToken> slots_;
  std::uint64_t mask_ = 0;
  std::uint64_t oldest_ = 0;  // every token before it has retired
  std::uint64_t next_ = 0;
};

}  // namespace routelab
