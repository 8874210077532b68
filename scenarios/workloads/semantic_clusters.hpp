#pragma once
// Semantic clusters: each token belongs to one of C classes (Zipf popularity over classes) and
// carries an embedding drawn from a Gaussian around its class centre; its key comes from the
// class's own slice of the vocabulary. Learned routers read Token::token_class and
// TokenBatch::embeddings; they can rebuild the centres from the spec with class_centres().
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/types.hpp"
#include "scenarios/scenario_spec.hpp"
#include "scenarios/workloads/key_sampler.hpp"
#include "scenarios/workloads/zipf_keys.hpp"

namespace routelab {

// The C x dim class centres (row-major, unit norm) of a semantic workload. They depend on the
// master seed only (stream "workload/class-centres", replication 0), never on the replication:
// the clusters are a property of the "model", the same in every replication.
std::vector<float> class_centres(const SemanticSpec& spec, std::uint64_t master_seed);

class SemanticClusters {
 public:
  SemanticClusters(const WorkloadSpec& spec, std::uint64_t master_seed);

  // Fills the key and class of `token` and its embedding (dim floats).
  void draw(RngEngine& rng, Token& token, std::span<float> embedding);
  int dim() const { return dim_; }
  const std::vector<float>& centres() const { return centres_; }
  std::uint64_t keys_per_class() const { return keys_per_class_; }

 private:
  int dim_;
  double spread_;
  std::vector<float> centres_;
  ZipfKeys class_popularity_;
  std::uint64_t keys_per_class_;
  std::unique_ptr<KeySampler> key_within_class_;
};

}  // namespace routelab
