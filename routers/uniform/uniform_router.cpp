#include "routers/uniform/uniform_router.hpp"

#include <algorithm>
#include <boost/random/uniform_int_distribution.hpp>
#include <numeric>

namespace routelab {

UniformRouter::UniformRouter(const RouterConfig& config) : rng_(config.seed), permutation_(config.num_experts) {
  std::iota(permutation_.begin(), permutation_.end(), 0);
}

int UniformRouter::max_depth(int k, int num_experts) const { return std::min(num_experts, 2 * k + 4); }

void UniformRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  const int experts = request.num_experts;
  const int depth = std::min(request.depth, experts);
  std::vector<int> swapped(static_cast<std::size_t>(depth));
  for (std::size_t i = 0; i < request.batch.tokens.size(); ++i) {
    // Partial Fisher-Yates: `depth` swaps, recorded and undone so the next token starts fresh.
    for (int c = 0; c < depth; ++c) {
      const int j = boost::random::uniform_int_distribution<int>(c, experts - 1)(rng_);
      std::swap(permutation_[c], permutation_[j]);
      swapped[c] = j;
      out[i * request.depth + c] = permutation_[c];
    }
    for (int c = depth - 1; c >= 0; --c) std::swap(permutation_[c], permutation_[swapped[c]]);
  }
}

std::unique_ptr<Router> make_uniform_router(const RouterConfig& config) {
  return std::make_unique<UniformRouter>(config);
}

}  // namespace routelab
