#pragma once
// A source of token keys, one draw at a time, from the generator it is handed (the workload's
// named stream). Uniform and Zipf keys are the two base distributions; temporal locality wraps one.
#include <cstdint>
#include <span>

#include "core/rng_streams.hpp"

namespace routelab {

class KeySampler {
 public:
  virtual ~KeySampler() = default;
  virtual std::uint64_t draw(RngEngine& rng) = 0;
  // out.size() draws, the same keys from the same generator state as that many draw() calls; a
  // sampler overrides it where seeing the draws together is faster.
  virtual void draw_many(RngEngine& rng, std::span<std::uint64_t> out) {
    for (auto& key : out) key = draw(rng);
  }
};

}  // namespace routelab
