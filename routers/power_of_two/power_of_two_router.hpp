#pragma once
// `power_of_two`: for each of a token's k slots, two hashed candidates (distinct from the token's
// other candidates) and the less loaded one wins; load = outstanding now plus this batch's
// assignments so far; ties go to the first candidate. The losers are the fallback ranking.
#include <cstdint>
#include <memory>
#include <vector>

#include "core/router.hpp"
#include "routers/router_config.hpp"

namespace routelab {

class PowerOfTwoRouter : public Router {
 public:
  explicit PowerOfTwoRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;
  int max_depth(int k, int num_experts) const override;

 private:
  std::uint64_t seed_;
  std::vector<std::int64_t> load_;
  std::vector<ExpertId> candidates_;
  std::vector<ExpertId> losers_;
};

std::unique_ptr<Router> make_power_of_two_router(const RouterConfig& config);

}  // namespace routelab
