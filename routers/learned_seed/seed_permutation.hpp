#pragma once
// The seeds' permutation streams: a pure function of (key, index), the same on every platform.
#include <cstdint>
#include <vector>

#include "core/rng_streams.hpp"

namespace routelab {

inline std::uint64_t seed_key(std::uint64_t batch_key, std::uint64_t seed_index) {
  return mix64(batch_key ^ mix64(seed_index + 0x3c6ef372fe94f82bULL));
}

// Fisher-Yates from the top; draw j uses the hash of (key, j) reduced to [0, j].
inline void shuffle_with_key(std::vector<std::int32_t>& values, std::uint64_t key) {
  for (std::size_t i = values.size(); i > 1; --i) {
    const std::uint32_t j = reduce_to_range(mix64(key + i * 0x9e3779b97f4a7c15ULL), static_cast<std::uint32_t>(i));
    std::swap(values[i - 1], values[j]);
  }
}

}  // namespace routelab
