#include "engine/dispatcher.hpp"

#include <algorithm>
#include <string>

#include "core/errors.hpp"

namespace routelab {

Dispatcher::Dispatcher(const SimulationConfig& config, Router& router, const ExpertQueues& experts,
                       RunStatistics& statistics)
    : config_(config),
      router_(router),
      experts_(experts),
      statistics_(statistics),
      capacity_overload_(config.num_experts, OverloadCause::arrivals_above_capacity) {
  const auto n = static_cast<std::size_t>(config.num_experts);
  depth_ = config.k;
  if (config.overflow == OverflowPolicy::next_choice)
    depth_ = std::clamp(router.max_depth(config.k, config.num_experts), config.k, config.num_experts);
  outstanding_.assign(n, 0);
  used_.assign(n, 0);
  batch_arrivals_.assign(n, 0);
}

ExpertId Dispatcher::choose(ExpertId primary, const ExpertId* row) {
  const ExpertId e = primary;
  switch (config_.overflow) {
    case OverflowPolicy::drop:
      return used_[e] < capacity_[e] ? e : kNoExpert;
    case OverflowPolicy::queue:
      if (config_.queue_buffer < 0 || experts_.has_free_server(e) || experts_.waiting(e) < config_.queue_buffer)
        return e;
      return kNoExpert;
    case OverflowPolicy::next_choice:
      if (used_[e] < capacity_[e]) return e;
      for (int c = config_.k; c < depth_; ++c) {
        const ExpertId fallback = row[c];
        if (fallback == kNoExpert || used_[fallback] >= capacity_[fallback]) continue;
        if (std::find(taken_.begin(), taken_.end(), fallback) != taken_.end()) continue;
        taken_.push_back(fallback);
        statistics_.assignment_rerouted();
        return fallback;
      }
      return kNoExpert;
  }
  return kNoExpert;
}

void Dispatcher::dispatch(const TokenBatch& batch, std::uint64_t first_token, Tick now, DispatchTarget& target,
                          bool record_placement) {
  const std::size_t batch_size = batch.tokens.size();
  const int k = config_.k;
  const int experts = config_.num_experts;
  compute_batch_capacity(config_, batch_size, capacity_);
  routes_.assign(batch_size * static_cast<std::size_t>(depth_), kNoExpert);
  RoutingRequest request{batch, k, depth_, experts, outstanding_, capacity_};
  router_.route(request, routes_);
  for (std::size_t slot = 0; slot < routes_.size(); ++slot) {
    const ExpertId e = routes_[slot];
    if (e < kNoExpert || e >= experts)
      throw RouterContractError("router wrote expert id " + std::to_string(e) + " for token " +
                                std::to_string(slot / depth_) + " (valid: -1 or 0.." + std::to_string(experts - 1) + ")");
  }

  std::fill(used_.begin(), used_.end(), 0);
  std::fill(batch_arrivals_.begin(), batch_arrivals_.end(), 0);
  if (record_placement) placed_.assign(batch_size * static_cast<std::size_t>(k), kNoExpert);
  placements_.resize(batch_size);
  for (std::size_t i = 0; i < batch_size; ++i) {
    const ExpertId* row = routes_.data() + i * static_cast<std::size_t>(depth_);
    taken_.clear();
    for (int c = 0; c < k; ++c) {
      const ExpertId e = row[c];
      if (e == kNoExpert) continue;
      statistics_.assignment_routed(e);
      ++batch_arrivals_[e];
      taken_.push_back(e);
    }
    const std::size_t primaries = taken_.size();
    std::int32_t accepted = 0;
    for (std::size_t p = 0; p < primaries; ++p) {
      const ExpertId e = taken_[p];
      const ExpertId chosen = choose(e, row);
      if (chosen == kNoExpert) {
        statistics_.assignment_dropped(e);
        continue;
      }
      ++used_[chosen];
      ++accepted;
      ++outstanding_[chosen];
      target.accept(chosen, first_token + i);
      if (record_placement) placed_[i * static_cast<std::size_t>(k) + p] = chosen;
    }
    placements_[i] = TokenPlacement{static_cast<std::int32_t>(primaries), accepted};
  }

  if (config_.capacity_factor > 0.0) {
    OverloadEvent closed;
    for (ExpertId e = 0; e < experts; ++e)
      if (capacity_overload_.observe(e, now, batch_arrivals_[e], capacity_[e], closed)) target.overload_closed(closed);
  }
}

}  // namespace routelab
