#include "routers/greedy/greedy_router.hpp"

#include <algorithm>
#include <functional>

namespace routelab {

GreedyRouter::GreedyRouter(const RouterConfig& /*config: no parameters*/) {}

int GreedyRouter::max_depth(int k, int num_experts) const { return std::min(num_experts, 2 * k); }

void GreedyRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  using Entry = std::pair<std::int64_t, ExpertId>;
  const std::greater<Entry> later;  // std::*_heap keep the "largest" on top; greater makes it a min-heap
  heap_.clear();
  for (ExpertId e = 0; e < request.num_experts; ++e)
    heap_.emplace_back(request.expert_load.empty() ? 0 : request.expert_load[e], e);
  std::make_heap(heap_.begin(), heap_.end(), later);

  const int depth = std::min(request.depth, request.num_experts);
  for (std::size_t i = 0; i < request.batch.tokens.size(); ++i) {
    popped_.clear();
    for (int c = 0; c < depth; ++c) {
      std::pop_heap(heap_.begin(), heap_.end(), later);
      popped_.push_back(heap_.back());
      heap_.pop_back();
      out[i * request.depth + c] = popped_.back().second;
    }
    for (int c = 0; c < depth; ++c) {
      if (c < request.k) ++popped_[c].first;  // only real assignments add load; fallbacks are a ranking
      heap_.push_back(popped_[c]);
      std::push_heap(heap_.begin(), heap_.end(), later);
    }
  }
}

std::unique_ptr<Router> make_greedy_router(const RouterConfig& config) { return std::make_unique<GreedyRouter>(config); }

}  // namespace routelab
