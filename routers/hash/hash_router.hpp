#pragma once
// `hash`: a seeded keyed hash of the token key picks k distinct experts (like hash layers,
// Roller et al. 2021). Content-deterministic: identical keys always land together.
#include <cstdint>
#include <memory>

#include "core/router.hpp"
#include "routers/router_config.hpp"

namespace routelab {

class HashRouter : public Router {
 public:
  explicit HashRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;
  int max_depth(int k, int num_experts) const override;

 private:
  std::uint64_t seed_;
};

std::unique_ptr<Router> make_hash_router(const RouterConfig& config);

}  // namespace routelab
