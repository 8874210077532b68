#include "scenarios/optimum/run_optimum.hpp"

#include <fmt/format.h>

#include <numeric>

namespace routelab {

OptimumRecorder::OptimumRecorder(std::unique_ptr<Router> inner, bool capacity_binds)
    : inner_(std::move(inner)), capacity_binds_(capacity_binds) {}

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
  if (s.slot_count == 0) return s;
  s.max_load = min_max_load(batches_, experts, k);
  s.load_max_over_mean = static_cast<double>(s.max_load) * experts / static_cast<double>(s.slot_count);
  s.fill_ratio = static_cast<double>(s.served) / static_cast<double>(s.slot_count);
  return s;
}

}  // namespace routelab
