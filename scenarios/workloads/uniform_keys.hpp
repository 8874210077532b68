#pragma once
// Uniform keys: every key of a vocabulary [0, V) equally likely.
#include "scenarios/workloads/key_sampler.hpp"

namespace routelab {

class UniformKeys : public KeySampler {
 public:
  explicit UniformKeys(std::uint64_t vocabulary);  // vocabulary >= 1
  std::uint64_t draw(RngEngine& rng) override;

 private:
  std::uint64_t vocabulary_;
};

}  // namespace routelab
