#include "scenarios/optimum/run_optimum.hpp"

#include <algorithm>
#include <cmath>

#include "scenarios/optimum/quality_optimum.hpp"
#include "scenarios/optimum/quality_optimum_memo.hpp"
#include "scenarios/quality/quality_model.hpp"

namespace routelab {

OptimumRecorder::OptimumRecorder(std::unique_ptr<Router> inner, bool capacity_binds, const QualityModel* quality)
    : inner_(std::move(inner)), capacity_binds_(capacity_binds), quality_(quality) {
  loss_sums_.assign(std::size(kQualityLoadBounds), 0.0);
  if (quality_)
    for (ExpertId e = 0; e < quality_->num_experts(); ++e) specialty_of_.push_back(quality_->specialty(e));
}

void OptimumRecorder::route(const RoutingRequest& request, std::span<ExpertId> out) {
  inner_->route(request, out);
  if (request.batch.tokens.empty()) return;
  // Every routelab token may go to every expert, so each batch adds to closed-form sums
  // (batch_optimum.hpp): nothing is kept per batch, and a run of any length has its optimum.
  const auto tokens = static_cast<std::int64_t>(request.batch.tokens.size());
  ++batches_;
  slot_count_ += tokens * std::min(request.k, request.num_experts);
  served_ += max_served_any_expert(tokens, capacity_binds_ ? request.expert_capacity : std::span<const std::int32_t>{},
                                   request.num_experts, request.k);
  record_quality(request);
}

void OptimumRecorder::record_quality(const RoutingRequest& request) {
  const TokenBatch& batch = request.batch;
  if (!quality_ || batch.embedding_dim != quality_->dim() || request.num_experts != quality_->num_experts()) return;
  const std::size_t n = batch.tokens.size();
  const auto dim = static_cast<std::size_t>(batch.embedding_dim);
  const auto specialties = static_cast<std::size_t>(quality_->specialties());
  bool losses_ready = false;
  const auto batch_losses = [&]() -> const std::vector<double>& {
    if (!losses_ready) {  // only on a memo miss
      losses_.resize(n * specialties);
      for (std::size_t t = 0; t < n; ++t)
        quality_->specialty_losses(batch.embeddings.subspan(t * dim, dim),
                                   std::span(losses_).subspan(t * specialties, specialties));
      losses_ready = true;
    }
    return losses_;
  };
  const int k = std::min(request.k, request.num_experts);
  const double mean = static_cast<double>(n) * k / request.num_experts;
  for (std::size_t b = 0; b < std::size(kQualityLoadBounds); ++b) {
    // The small slack keeps ceil() from rounding an exact integer such as 1.25 * 16 up by one ulp.
    const auto bound = std::max(static_cast<std::int64_t>(std::ceil(kQualityLoadBounds[b] * mean - 1e-9)),
                                static_cast<std::int64_t>(std::ceil(mean - 1e-9)));
    const BatchDigest key = digest_batch(quality_->space().centres, batch.embeddings.subspan(0, n * dim), k, request.num_experts, bound);
    loss_sums_[b] += memoized_quality_optimum(
        key, [&] { return min_total_loss(batch_losses(), n, specialty_of_, quality_->specialties(), k, bound); });
  }
  quality_slots_ += static_cast<std::int64_t>(n) * k;
}

OptimumSummary OptimumRecorder::summary(int experts) const {
  OptimumSummary s;
  s.batches = batches_;
  s.slot_count = slot_count_;
  s.served = served_;
  if (quality_slots_ > 0)
    for (std::size_t b = 0; b < std::size(kQualityLoadBounds); ++b)
      s.quality.push_back({kQualityLoadBounds[b], loss_sums_[b] / static_cast<double>(quality_slots_)});
  if (s.slot_count == 0) return s;
  s.max_load = min_max_load_any_expert(s.slot_count, experts);
  s.load_max_over_mean = static_cast<double>(s.max_load) * experts / static_cast<double>(s.slot_count);
  s.fill_ratio = static_cast<double>(s.served) / static_cast<double>(s.slot_count);
  return s;
}

}  // namespace routelab
