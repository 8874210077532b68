#pragma once
// A Gaussian-mixture token stream for the quality model's own tests: class c ~ Zipf(s) over C
// classes, embedding = centre_c + noise * N(0, I). Stand-in until the scenarios' semantic-clusters
// workload exists; whatever produces the tokens, the quality model only needs a SemanticSpace.
#include <cstdint>
#include <vector>

#include "engine/rng_streams.hpp"
#include "engine/workload.hpp"
#include "scenarios/quality/semantic_space.hpp"

namespace routelab {

struct MixtureSpec {
  int dim = 16;
  int classes = 8;
  double class_zipf_s = 1.0;   // class popularity ~ rank^-s
  double centre_spread = 1.0;  // centre coordinates ~ N(0, spread^2)
  double noise = 0.5;          // token = centre + noise * N(0, I)
};

// The centres depend on the master seed only (never the replication): training and evaluation
// streams share one semantic space.
SemanticSpace make_mixture_space(const MixtureSpec& spec, std::uint64_t master_seed);

class MixtureTokenSource : public Workload {
 public:
  MixtureTokenSource(const MixtureSpec& spec, const SemanticSpace& space, int batch_size, std::int64_t total_tokens,
                     std::uint64_t master_seed, std::uint64_t replication);
  bool next_batch(TokenBatch& out) override;

 private:
  MixtureSpec spec_;
  SemanticSpace space_;
  int batch_size_;
  std::int64_t total_tokens_;
  RngEngine rng_;
  std::vector<double> class_cdf_;
  std::vector<Token> tokens_;
  std::vector<float> embeddings_;
  std::uint64_t batch_index_ = 0;
  std::uint64_t next_token_id_ = 0;
};

}  // namespace routelab
