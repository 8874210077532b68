#pragma once
// The phase router's randomness: a counter-based SplitMix64 stream per purpose, keyed by (seed,
// purpose[, row]). Every draw is a pure function of those keys, so the permutations and the top-k
// choice are identical on every platform, compiler, standard library and thread count (spec §3).
// std::shuffle and std:: distributions are never used: their results differ between libraries.
#include <cstdint>
#include <numeric>
#include <span>
#include <vector>

#include "core/rng_streams.hpp"

namespace routelab::phase {

// Purposes of the streams derived from one seed; the values are part of the output's definition.
enum class PhaseStream : std::uint64_t {
  column_permutation_s = 1,  // pi_S over the S ring (E positions)
  column_permutation_t = 2,  // pi_T over the T ring (B positions)
  row_permutation_s = 3,     // optional rho_S over the B rows of S
  row_permutation_t = 4,     // optional rho_T over the E rows of T
  selection = 5,             // the per-row choice of at most k candidates
  capacity_order = 6,        // optional order of the T rows on the token ring (CapacityArcLayout)
};

inline constexpr std::uint64_t kGoldenGamma = 0x9e3779b97f4a7c15ULL;

constexpr std::uint64_t stream_key(std::uint64_t seed, PhaseStream purpose) {
  return mix64(mix64(seed ^ 0x243f6a8885a308d3ULL) ^ (static_cast<std::uint64_t>(purpose) * kGoldenGamma));
}

// The key of row `row` inside a stream (the top-k choice of each row draws from its own stream, so
// rows can be processed in any order by any thread).
constexpr std::uint64_t row_key(std::uint64_t stream, std::uint64_t row) {
  return mix64(stream ^ mix64(row ^ 0x13198a2e03707344ULL));
}

// Seed of batch `batch` under per-batch reseeding (a fixed seed is simply reused).
constexpr std::uint64_t batch_seed(std::uint64_t seed, std::uint64_t batch) {
  return mix64(mix64(seed ^ 0xa4093822299f31d0ULL) + batch * kGoldenGamma);
}

// SplitMix64 as a counter-based stream: the n-th output is mix64(key + n * gamma).
class CounterRng {
 public:
  explicit constexpr CounterRng(std::uint64_t key) : state_(key) {}
  constexpr std::uint64_t next() {
    const std::uint64_t value = mix64(state_);
    state_ += kGoldenGamma;
    return value;
  }
  // Uniform on [0, bound), bound >= 1, exactly unbiased (Lemire's multiply-shift with rejection).
  constexpr std::uint32_t below(std::uint32_t bound) {
    std::uint64_t product = (next() >> 32) * bound;
    auto low = static_cast<std::uint32_t>(product);
    if (low < bound) {
      const std::uint32_t threshold = (0u - bound) % bound;
      while (low < threshold) {
        product = (next() >> 32) * bound;
        low = static_cast<std::uint32_t>(product);
      }
    }
    return static_cast<std::uint32_t>(product >> 32);
  }

 private:
  std::uint64_t state_;
};

// A uniformly random permutation of [0, n) (Fisher-Yates from the top), a pure function of the key.
inline std::vector<std::int32_t> make_permutation(std::int64_t n, std::uint64_t key) {
  std::vector<std::int32_t> permutation(static_cast<std::size_t>(n));
  std::iota(permutation.begin(), permutation.end(), 0);
  CounterRng rng(key);
  for (std::int64_t i = n - 1; i > 0; --i) {
    const auto j = rng.below(static_cast<std::uint32_t>(i + 1));
    std::swap(permutation[static_cast<std::size_t>(i)], permutation[j]);
  }
  return permutation;
}

inline std::vector<std::int32_t> invert_permutation(std::span<const std::int32_t> permutation) {
  std::vector<std::int32_t> inverse(permutation.size());
  for (std::size_t i = 0; i < permutation.size(); ++i) inverse[static_cast<std::size_t>(permutation[i])] = static_cast<std::int32_t>(i);
  return inverse;
}

}  // namespace routelab::phase
