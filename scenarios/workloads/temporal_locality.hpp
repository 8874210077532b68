#pragma once
// Temporal locality: with probability `reuse` a token repeats one of the last `history` keys
// (uniformly among them), otherwise it draws a fresh key from the base distribution. Real text
// does this (repeated names, code identifiers); a router that spreads identical keys is tested by it.
#include <memory>
#include <vector>

#include "scenarios/workloads/key_sampler.hpp"

namespace routelab {

class TemporalLocalityKeys : public KeySampler {
 public:
  TemporalLocalityKeys(std::unique_ptr<KeySampler> base, double reuse, int history);
  std::uint64_t draw(RngEngine& rng) override;

 private:
  std::unique_ptr<KeySampler> base_;
  double reuse_;
  std::vector<std::uint64_t> recent_;  // ring buffer of the last `history` keys
  std::size_t next_slot_ = 0;
  std::size_t filled_ = 0;
};

}  // namespace routelab
