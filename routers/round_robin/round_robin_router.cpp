#include "routers/round_robin/round_robin_router.hpp"

#include <algorithm>

namespace routelab {

RoundRobinRouter::RoundRobinRouter(const RouterConfig& config)
    : next_slot_(config.seed % static_cast<std::uint64_t>(config.num_experts)) {}

int RoundRobinRouter::max_depth(int k, int num_experts) const { return std::min(num_experts, 2 * k); }

void RoundRobinRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  const auto experts = static_cast<std::uint64_t>(request.num_experts);
  const int depth = std::min(request.depth, request.num_experts);
  for (std::size_t i = 0; i < request.batch.tokens.size(); ++i) {
    // The token's k slots are consecutive, so they are distinct whenever k <= E; fallbacks follow.
    for (int c = 0; c < depth; ++c)
      out[i * request.depth + c] = static_cast<ExpertId>((next_slot_ + static_cast<std::uint64_t>(c)) % experts);
    next_slot_ = (next_slot_ + static_cast<std::uint64_t>(request.k)) % experts;
  }
}

std::unique_ptr<Router> make_round_robin_router(const RouterConfig& config) {
  return std::make_unique<RoundRobinRouter>(config);
}

}  // namespace routelab
