#include "scenarios/quality/quality_observer.hpp"

#include <string>

#include "core/errors.hpp"

namespace routelab {

QualityObserver::QualityObserver(const QualityModel& model)
    : model_(model), losses_(static_cast<std::size_t>(model.specialties())) {}

void QualityObserver::on_batch_placed(const TokenBatch& batch, std::span<const ExpertId> placed, int k) {
  if (batch.embedding_dim != model_.dim())
    throw ConfigError("quality", "the stream carries " + std::to_string(batch.embedding_dim) +
                                     "-dimensional embeddings, the quality model expects " +
                                     std::to_string(model_.dim()));
  const auto dim = static_cast<std::size_t>(model_.dim());
  for (std::size_t i = 0; i < batch.tokens.size(); ++i) {
    model_.specialty_losses(batch.embeddings.subspan(i * dim, dim), losses_);
    const int nearest = argmin(losses_);
    best_sum_ += losses_[nearest];
    bool matched = false;
    for (int c = 0; c < k; ++c) {
      const ExpertId expert = placed[i * static_cast<std::size_t>(k) + c];
      if (expert == kNoExpert) continue;
      const int specialty = model_.specialty(expert);
      loss_sum_ += losses_[specialty];
      ++scored_;
      matched = matched || specialty == nearest;
    }
    if (matched) ++matched_;
  }
  tokens_ += static_cast<std::int64_t>(batch.tokens.size());
}

QualitySummary QualityObserver::summary() const {
  QualitySummary s;
  s.tokens = tokens_;
  s.assignments_scored = scored_;
  if (scored_ > 0) s.expert_loss_mean = loss_sum_ / static_cast<double>(scored_);
  if (tokens_ > 0) {
    s.expert_loss_best = best_sum_ / static_cast<double>(tokens_);
    s.match_share = static_cast<double>(matched_) / static_cast<double>(tokens_);
  }
  return s;
}

}  // namespace routelab
