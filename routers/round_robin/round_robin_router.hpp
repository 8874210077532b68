#pragma once
// `round_robin`: token n of the stream gets experts (offset + n*k + c) mod E, c = 0..k-1, where
// the offset comes from the seed. Perfectly even over time, blind to content and load.
#include <cstdint>
#include <memory>

#include "core/router.hpp"
#include "routers/router_config.hpp"

namespace routelab {

class RoundRobinRouter : public Router {
 public:
  explicit RoundRobinRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;
  int max_depth(int k, int num_experts) const override;

 private:
  std::uint64_t next_slot_;
};

std::unique_ptr<Router> make_round_robin_router(const RouterConfig& config);

}  // namespace routelab
