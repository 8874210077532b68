#pragma once
// `sinkhorn`: Sinkhorn-balanced gating, as in S-BASE (Clark, de las Casas, Guy, et al., "Unified
// Scaling Laws for Routed Language Models", ICML 2022), which replaced BASE's exact assignment
// with a few Sinkhorn iterations (Cuturi 2013). The batch's affinities become P = exp(A / T), then
// `iterations` rounds of scaling make every column (expert) sum to B / E and every row (token)
// sum to 1; each token takes the top k of its balanced row. Few iterations and a high temperature
// balance loosely; more iterations converge to a doubly-stochastic plan. Affinities as
// aux_free_bias's (routers/common/token_affinity.hpp).
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "routers/common/token_affinity.hpp"
#include "core/router.hpp"
#include "routers/router_config.hpp"
#include "routers/router_parameters.hpp"

namespace routelab {

// The Sinkhorn plan of a tokens x experts affinity matrix, in place: exp((a - row max) / T), then
// per iteration columns scaled to sum tokens / experts, then rows to sum 1.
void sinkhorn_balance(std::span<double> affinity, std::size_t tokens, std::size_t experts, int iterations,
                      double temperature);

class SinkhornRouter : public Router {
 public:
  explicit SinkhornRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;
  int max_depth(int k, int num_experts) const override;

 private:
  TokenAffinity affinity_;
  int iterations_;
  double temperature_;
  std::vector<double> plan_;
  std::vector<ExpertId> order_;
};

std::unique_ptr<Router> make_sinkhorn_router(const RouterConfig& config);
const ParamSchema& sinkhorn_parameters();

}  // namespace routelab
