#pragma once
// `chwbl`: consistent hashing with bounded loads (Mirrokni, Thorup, Zadimoghaddam, SODA 2018).
// Experts sit at seeded points of a hash ring (`virtual_nodes` points each); a token's key hashes
// to a point and the token takes the first k distinct experts clockwise that still have room,
// where room is a per-batch bound of ceil((1 + epsilon) * B k / E) assignments. Defining property:
// no expert above that bound within a batch, whatever the keys (an attacker who knows the seed
// can only fill an expert to the bound; the overflow walks on to the next experts).
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "core/router.hpp"
#include "routers/router_config.hpp"
#include "routers/router_parameters.hpp"

namespace routelab {

class ChwblRouter : public Router {
 public:
  explicit ChwblRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;

  // The per-batch bound on any expert's assignments: ceil((1 + epsilon) * tokens * k / experts).
  static std::int64_t load_bound(double epsilon, std::size_t tokens, int k, int experts);

 private:
  std::uint64_t seed_;
  double epsilon_;
  std::vector<std::pair<std::uint64_t, ExpertId>> ring_;  // (point, expert), sorted by point
  std::vector<std::int64_t> load_;                         // this batch's assignments per expert
};

std::unique_ptr<Router> make_chwbl_router(const RouterConfig& config);
const ParamSchema& chwbl_parameters();

}  // namespace routelab
