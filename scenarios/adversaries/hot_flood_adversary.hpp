#pragma once
// Hot-token flood: one key, or a few, repeated at a chosen share of the stream (a prompt that
// repeats one word, a bot). Needs no knowledge of the router: any router that sends identical
// keys to the same experts concentrates the flood (max/mean >= E x share / keys).
#include <vector>

#include "core/rng_streams.hpp"
#include "scenarios/adversaries/adversary.hpp"

namespace routelab {

class HotFloodAdversary : public Adversary {
 public:
  // `hot_keys` are the flood's keys (at least one), used in rotation.
  explicit HotFloodAdversary(std::vector<std::uint64_t> hot_keys);
  void choose_keys(Tick tick, std::int64_t count, std::vector<std::uint64_t>& keys) override;
  AdversaryStats stats() const override { return {static_cast<std::int64_t>(hot_keys_.size()), 0, 0}; }

 private:
  std::vector<std::uint64_t> hot_keys_;
  std::size_t next_ = 0;
};

}  // namespace routelab
