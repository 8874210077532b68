#include "scenarios/workloads/synthetic_workload.hpp"

#include "core/errors.hpp"
#include "scenarios/workloads/temporal_locality.hpp"
#include "scenarios/workloads/uniform_keys.hpp"
#include "scenarios/workloads/zipf_keys.hpp"

namespace routelab {

std::unique_ptr<KeySampler> make_key_sampler(const WorkloadSpec& spec) {
  std::unique_ptr<KeySampler> base;
  if (spec.keys == KeyDistribution::zipf) {
    base = std::make_unique<ZipfKeys>(spec.vocabulary, spec.zipf_s);
  } else {
    base = std::make_unique<UniformKeys>(spec.vocabulary);
  }
  if (spec.kind == TokenKind::locality)
    return std::make_unique<TemporalLocalityKeys>(std::move(base), spec.locality.reuse, spec.locality.history);
  return base;
}

SyntheticWorkload::SyntheticWorkload(const WorkloadSpec& spec, std::uint64_t master_seed, std::uint64_t replication,
                                     Tick horizon_ticks)
    : rng_(make_stream(master_seed, replication, "workload")), schedule_(spec, spec.total_tokens, horizon_ticks) {
  if (spec.kind == TokenKind::trace) throw ConfigError("tokens.kind", "a trace is replayed by TraceWorkload");
  if (spec.kind == TokenKind::semantic) {
    semantic_ = std::make_unique<SemanticClusters>(spec, master_seed);
  } else {
    keys_ = make_key_sampler(spec);
  }
}

bool SyntheticWorkload::next_batch(TokenBatch& out) {
  const auto batch = schedule_.next(rng_);
  if (!batch) return false;
  tokens_.resize(static_cast<std::size_t>(batch->size));
  if (semantic_) {
    const auto dim = static_cast<std::size_t>(semantic_->dim());
    embeddings_.resize(tokens_.size() * dim);
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      tokens_[i] = Token{next_token_id_++, 0, batch->tick, -1};
      semantic_->draw(rng_, tokens_[i], std::span<float>(embeddings_).subspan(i * dim, dim));
    }
    out = TokenBatch{batch->tick, batch_index_++, tokens_, semantic_->dim(), embeddings_, 0, {}};
    return true;
  }
  keys_buffer_.resize(tokens_.size());
  keys_->draw_many(rng_, keys_buffer_);
  for (std::size_t i = 0; i < tokens_.size(); ++i) tokens_[i] = Token{next_token_id_++, keys_buffer_[i], batch->tick, -1};
  out = TokenBatch{batch->tick, batch_index_++, tokens_, 0, {}, 0, {}};
  return true;
}

}  // namespace routelab
