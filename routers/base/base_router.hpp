#pragma once
// `base`: BASE layers (Lewis, Bhosale, Dettmers, Goyal, Zettlemoyer, "BASE Layers: Simplifying
// Training of Large, Sparse Models", ICML 2021). Each batch is one balanced assignment problem:
// every expert takes exactly its share B k / E of the batch (within one token), and the assignment
// maximizes the total token-expert affinity. The paper solves it with an auction algorithm; here it
// is solved exactly as a min-cost flow (balanced_assignment.hpp). Affinities come from
// routers/common/token_affinity.hpp (embedding dot products, else a seeded hash of the key), so
// identical keys score alike but are still split across experts when the balance needs it.
#include <memory>
#include <vector>

#include "routers/common/token_affinity.hpp"
#include "core/router.hpp"
#include "routers/router_config.hpp"
#include "routers/router_parameters.hpp"

namespace routelab {

class BaseRouter : public Router {
 public:
  explicit BaseRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;

 private:
  TokenAffinity affinity_;
  std::vector<double> scores_;  // tokens x experts, this batch
};

std::unique_ptr<Router> make_base_router(const RouterConfig& config);
const ParamSchema& base_parameters();

}  // namespace routelab
