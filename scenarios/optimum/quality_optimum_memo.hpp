#pragma once
// A process-wide memo of batch quality optima. The runs of one comparison (every router on the
// same stream) route identical batches, and a batch's best quality at a bound is a pure function
// of its content, so each is solved once: a comparison of 15 routers on semantic-clusters pays
// for one. Keyed by a 128-bit digest of (the quality model's specialty centres, embeddings, k, experts,
// bound); thread-safe; cleared when
// full, so a long sweep cannot grow it without limit. A hit returns exactly what a solve would.
#include <cstdint>
#include <functional>
#include <span>

namespace routelab {

struct BatchDigest {
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  bool operator<(const BatchDigest& other) const { return a != other.a ? a < other.a : b < other.b; }
};

BatchDigest digest_batch(std::span<const float> centres, std::span<const float> embeddings, int k, int experts,
                         std::int64_t bound);

// The memoized value for `key`, computing it with `solve` (outside the lock) when absent.
double memoized_quality_optimum(const BatchDigest& key, const std::function<double()>& solve);

}  // namespace routelab
