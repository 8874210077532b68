#pragma once
// `uniform`: each token gets k distinct experts drawn uniformly at random (the one-choice
// balls-into-bins baseline). Further ranked fallbacks continue the same random draw.
#include <memory>
#include <vector>

#include "core/rng_streams.hpp"
#include "core/router.hpp"
#include "routers/router_config.hpp"

namespace routelab {

class UniformRouter : public Router {
 public:
  explicit UniformRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;
  int max_depth(int k, int num_experts) const override;

 private:
  RngEngine rng_;
  std::vector<ExpertId> permutation_;  // identity between tokens; partially shuffled within one
};

std::unique_ptr<Router> make_uniform_router(const RouterConfig& config);

}  // namespace routelab
