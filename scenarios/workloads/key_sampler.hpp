#pragma once
// A source of token keys, one draw at a time, from the generator it is handed (the workload's
// named stream). Uniform and Zipf keys are the two base distributions; temporal locality wraps one.
#include <cstdint>

#include "core/rng_streams.hpp"

namespace routelab {

class KeySampler {
 public:
  virtual ~KeySampler() = default;
  virtual std::uint64_t draw(RngEngine& rng) = 0;
};

}  // namespace routelab
