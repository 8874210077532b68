#include "routers/hash/hash_router.hpp"

#include <algorithm>

#include "routers/common/keyed_expert_sequence.hpp"

namespace routelab {

HashRouter::HashRouter(const RouterConfig& config) : seed_(config.seed) {}

int HashRouter::max_depth(int k, int num_experts) const { return std::min(num_experts, 2 * k + 4); }

void HashRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  const auto depth = static_cast<std::size_t>(std::min(request.depth, request.num_experts));
  for (std::size_t i = 0; i < request.batch.tokens.size(); ++i)
    keyed_distinct_experts(seed_, request.batch.tokens[i].key, request.num_experts,
                           out.subspan(i * static_cast<std::size_t>(request.depth), depth));
}

std::unique_ptr<Router> make_hash_router(const RouterConfig& config) { return std::make_unique<HashRouter>(config); }

}  // namespace routelab
