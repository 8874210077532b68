#include "scenarios/training/training_set_builder.hpp"

#include <string>

#include "core/errors.hpp"

namespace routelab {

TrainingSet build_training_set(Workload& stream, const QualityModel& model, const TrainingSetRequest& request) {
  TrainingSet set;
  set.dim = model.dim();
  set.experts = model.num_experts();
  set.k = request.k;
  set.batch_size = request.batch_size;
  set.seed = request.seed;
  const auto dim = static_cast<std::size_t>(set.dim);
  const auto experts = static_cast<std::size_t>(set.experts);
  const auto wanted = static_cast<std::size_t>(request.tokens);
  set.embeddings.reserve(wanted * dim);
  set.expert_loss.reserve(wanted * experts);
  TokenBatch batch;
  while (set.tokens() < wanted && stream.next_batch(batch)) {
    if (batch.embedding_dim != set.dim)
      throw ConfigError("tokens", "training needs " + std::to_string(set.dim) +
                                      "-dimensional token embeddings; the stream carries " +
                                      std::to_string(batch.embedding_dim));
    const std::size_t take = std::min(batch.tokens.size(), wanted - set.tokens());
    for (std::size_t i = 0; i < take; ++i) {
      const auto x = batch.embeddings.subspan(i * dim, dim);
      set.embeddings.insert(set.embeddings.end(), x.begin(), x.end());
      set.expert_loss.resize(set.expert_loss.size() + experts);
      model.expert_losses(x, std::span(set.expert_loss).last(experts));
    }
  }
  if (set.tokens() == 0) throw ConfigError("train_tokens", "the training stream produced no tokens");
  set.expert_rows = request.expert_weights.rows;
  set.expert_weights = synthetic_expert_weights(model, request.expert_weights, request.master_seed);
  return set;
}

}  // namespace routelab
