#include "engine/in_flight_tokens.hpp"

namespace routelab {

namespace {
// A few batches of the library's scenarios; the ring doubles from here when more are in flight.
constexpr std::size_t kInitialSlots = 4096;
}  // namespace

InFlightTokens::InFlightTokens() : slots_(kInitialSlots), mask_(kInitialSlots - 1) {}

InFlightToken& InFlightTokens::admit() {
  if (next_ - oldest_ == slots_.size()) grow();
  InFlightToken& slot = slots_[next_ & mask_];
  slot = InFlightToken{};
  ++next_;
  return slot;
}

void InFlightTokens::retire(std::uint64_t token) {
  slots_[token & mask_].retired = true;
  while (oldest_ < next_ && slots_[oldest_ & mask_].retired) ++oldest_;
}

void InFlightTokens::grow() {
  std::vector<InFlightToken> larger(slots_.size() * 2);
  const std::uint64_t larger_mask = larger.size() - 1;
  for (std::uint64_t token = oldest_; token < next_; ++token) larger[token & larger_mask] = slots_[token & mask_];
  slots_ = std::move(larger);
  mask_ = larger_mask;
}

}  // namespace routelab
