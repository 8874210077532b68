#include "scenarios/optimum/run_optimum.hpp"

#include <fmt/format.h>

#include <cmath>
#include <numeric>

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
  // Past the limit only the count goes on: the summary says the optimum was skipped, and why.
  arcs_ += 1 + request.num_experts;
  if (arcs_ > kOptimumArcLimit) {
    batches_.clear();
    return;
  }
  OptimumBatch batch;
  // Every routelab token may go to every expert: one class.
  EligibilityClass all{static_cast<std::int64_t>(request.batch.tokens.size()),
                       std::vector<ExpertId>(static_cast<std::size_t>(request.num_experts))};
  std::iota(all.experts.begin(), all.experts.end(), 0);
  batch.classes.push_back(std::move(all));
  if (capacity_binds_) batch.capacity.assign(request.expert_capacity.begin(), request.expert_capacity.end());
  batches_.push_back(std::move(batch));
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

OptimumSummary OptimumRecorder::summary(int experts, int k) const {
  OptimumSummary s;
  if (arcs_ > kOptimumArcLimit) {
    s.skipped = fmt::format("the run's token-expert network would have {} arcs, over the limit of {}", arcs_,
                            kOptimumArcLimit);
    return s;
  }
  s.batches = static_cast<std::int64_t>(batches_.size());
  for (const auto& batch : batches_) {
    s.slot_count += demanded_slots(batch, k);
    s.served += max_served(batch, experts, k);
  }
  if (quality_slots_ > 0)
    for (std::size_t b = 0; b < std::size(kQualityLoadBounds); ++b)
      s.quality.push_back({kQualityLoadBounds[b], loss_sums_[b] / static_cast<double>(quality_slots_)});
  if (s.slot_count == 0) return s;
  s.max_load = min_max_load(batches_, experts, k);
  s.load_max_over_mean = static_cast<double>(s.max_load) * experts / static_cast<double>(s.slot_count);
  s.fill_ratio = static_cast<double>(s.served) / static_cast<double>(s.slot_count);
  return s;
}

}  // namespace routelab
