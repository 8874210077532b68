#pragma once
// `greedy`: each token goes to the k least-loaded experts, load = outstanding work now plus what
// this batch has already assigned; ties go to the lowest expert id (deterministic, seedless).
// With unit tokens this is join-the-shortest-queue: max load exactly ceil(m / n).
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "core/router.hpp"
#include "routers/router_config.hpp"

namespace routelab {

class GreedyRouter : public Router {
 public:
  explicit GreedyRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;
  int max_depth(int k, int num_experts) const override;

 private:
  std::vector<std::pair<std::int64_t, ExpertId>> heap_;  // min-heap on (load, id)
  std::vector<std::pair<std::int64_t, ExpertId>> popped_;
};

std::unique_ptr<Router> make_greedy_router(const RouterConfig& config);

}  // namespace routelab
