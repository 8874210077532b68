#pragma once
// Token-expert affinities for the routers that choose by score without a trained model (aux-free
// bias, and the balanced-assignment routers): the dot product of the token's embedding with a
// seeded random vector per expert when the batch carries embeddings (similar tokens get similar
// scores, as a gate's would), else a seeded hash of (key, expert) in [0, 1), so identical keys
// always score alike. Pure functions of (seed, token), so a router that uses them stays
// reproducible and content-deterministic.
#include <cstdint>
#include <span>
#include <vector>

#include "core/rng_streams.hpp"
#include "core/types.hpp"

namespace routelab {

class TokenAffinity {
 public:
  explicit TokenAffinity(std::uint64_t seed) : seed_(mix64(seed ^ 0xa4093822299f31d0ULL)) {}

  // Fills out[j], j < out.size(), with token i's affinity to expert j.
  void scores(const TokenBatch& batch, std::size_t i, std::span<double> out) {
    const auto dim = static_cast<std::size_t>(batch.embedding_dim);
    if (dim == 0 || batch.embeddings.size() < (i + 1) * dim) {
      const std::uint64_t key = mix64(batch.tokens[i].key);
      for (std::size_t j = 0; j < out.size(); ++j)
        out[j] = static_cast<double>(mix64(seed_ ^ key ^ mix64(j + 1)) >> 11) * 0x1.0p-53;
      return;
    }
    if (vector_dim_ != dim || expert_vectors_.size() < out.size() * dim) build_vectors(dim, out.size());
    const auto x = batch.embeddings.subspan(i * dim, dim);
    for (std::size_t j = 0; j < out.size(); ++j) {
      double dot = 0;
      for (std::size_t d = 0; d < dim; ++d) dot += static_cast<double>(expert_vectors_[j * dim + d]) * x[d];
      out[j] = dot;
    }
  }

 private:
  void build_vectors(std::size_t dim, std::size_t experts) {
    vector_dim_ = dim;
    expert_vectors_.resize(experts * dim);
    for (std::size_t v = 0; v < expert_vectors_.size(); ++v)
      expert_vectors_[v] = static_cast<float>(static_cast<double>(mix64(seed_ + v) >> 11) * 0x1.0p-52 - 1.0);
  }

  std::uint64_t seed_;
  std::size_t vector_dim_ = 0;
  std::vector<float> expert_vectors_;  // experts x dim, entries uniform in [-1, 1)
};

}  // namespace routelab
