#include "routers/base/base_router.hpp"

#include <algorithm>

#include "routers/base/balanced_assignment.hpp"

namespace routelab {

BaseRouter::BaseRouter(const RouterConfig& config) : affinity_(config.seed) {}

void BaseRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  const std::size_t n = request.batch.tokens.size();
  const auto experts = static_cast<std::size_t>(request.num_experts);
  scores_.resize(n * experts);
  for (std::size_t i = 0; i < n; ++i)
    affinity_.scores(request.batch, i, std::span(scores_).subspan(i * experts, experts));
  const int k = std::min(request.k, request.num_experts);
  const BalancedAssignment assignment = balanced_assignment(scores_, n, request.num_experts, k);
  const auto depth = static_cast<std::size_t>(request.depth);
  for (std::size_t i = 0; i < n; ++i)
    std::copy_n(assignment.table.begin() + static_cast<std::ptrdiff_t>(i * static_cast<std::size_t>(k)), k,
                out.begin() + static_cast<std::ptrdiff_t>(i * depth));
}

std::unique_ptr<Router> make_base_router(const RouterConfig& config) { return std::make_unique<BaseRouter>(config); }

const ParamSchema& base_parameters() {
  static const ParamSchema schema{};  // the balance is the paper's: no knob
  return schema;
}

}  // namespace routelab
