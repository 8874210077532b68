#include "routers/power_of_two/power_of_two_router.hpp"

#include <algorithm>

#include "routers/common/keyed_expert_sequence.hpp"

namespace routelab {

PowerOfTwoRouter::PowerOfTwoRouter(const RouterConfig& config) : seed_(config.seed) {}

int PowerOfTwoRouter::max_depth(int k, int num_experts) const { return std::min(num_experts, 2 * k); }

void PowerOfTwoRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  const int experts = request.num_experts;
  const int k = request.k;
  load_.assign(request.expert_load.begin(), request.expert_load.end());
  load_.resize(static_cast<std::size_t>(experts), 0);
  const int pool = std::min(experts, 2 * k);
  candidates_.resize(static_cast<std::size_t>(pool));
  for (std::size_t i = 0; i < request.batch.tokens.size(); ++i) {
    keyed_distinct_experts(seed_, request.batch.tokens[i].key, experts, candidates_);
    losers_.clear();
    ExpertId* row = out.data() + i * static_cast<std::size_t>(request.depth);
    const int pairs = pool - k;  // with 2k > E the last k - pairs slots get a single candidate
    for (int c = 0; c < k; ++c) {
      const int first = c < pairs ? 2 * c : c + pairs;
      ExpertId winner = candidates_[first];
      if (c < pairs) {
        const ExpertId other = candidates_[first + 1];
        const bool other_wins = load_[other] < load_[winner];
        losers_.push_back(other_wins ? winner : other);
        if (other_wins) winner = other;
      }
      row[c] = winner;
      ++load_[winner];
    }
    for (int c = k; c < request.depth && c - k < static_cast<int>(losers_.size()); ++c) row[c] = losers_[c - k];
  }
}

std::unique_ptr<Router> make_power_of_two_router(const RouterConfig& config) {
  return std::make_unique<PowerOfTwoRouter>(config);
}

}  // namespace routelab
