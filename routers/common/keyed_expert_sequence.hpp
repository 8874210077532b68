#pragma once
// A seeded, content-deterministic sequence of distinct experts for one key: the j-th draw is a
// hash of (seed, key, j) reduced to [0, E), repeats skipped. Hash layers and power-of-d choices
// both draw from it, so an attacker who knows (seed, function) can predict it (adversaries do).
#include <cstdint>
#include <span>

#include "core/rng_streams.hpp"
#include "core/types.hpp"

namespace routelab {

inline ExpertId keyed_expert_draw(std::uint64_t seed, std::uint64_t key, std::uint64_t draw, int num_experts) {
  const std::uint64_t h = mix64(mix64(seed ^ 0x5851f42d4c957f2dULL) ^ mix64(key) ^ (draw * 0x9e3779b97f4a7c15ULL));
  return static_cast<ExpertId>(reduce_to_range(h, static_cast<std::uint32_t>(num_experts)));
}

// Fills `out` with distinct experts for `key` (out.size() <= num_experts).
inline void keyed_distinct_experts(std::uint64_t seed, std::uint64_t key, int num_experts, std::span<ExpertId> out) {
  std::uint64_t draw = 0;
  for (std::size_t filled = 0; filled < out.size();) {
    ExpertId candidate = keyed_expert_draw(seed, key, draw++, num_experts);
    if (draw > 8u * static_cast<std::uint64_t>(num_experts) + 64) {
      // Pathologically unlucky hashing: finish by linear probing so the loop always ends.
      candidate = static_cast<ExpertId>((static_cast<std::uint64_t>(candidate) + draw) % num_experts);
    }
    bool repeated = false;
    for (std::size_t i = 0; i < filled; ++i) repeated = repeated || out[i] == candidate;
    if (!repeated) out[filled++] = candidate;
  }
}

}  // namespace routelab
