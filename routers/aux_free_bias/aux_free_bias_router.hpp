#pragma once
// `aux_free_bias`: DeepSeek-V3's auxiliary-loss-free load balancing (DeepSeek-AI 2024, §2.1.2;
// Wang et al. 2024, "Auxiliary-Loss-Free Load Balancing Strategy for Mixture-of-Experts").
// Each expert j carries a bias b_j that is added to the token-expert affinity for the top-k
// selection only (the affinities themselves are untouched); after every batch, b_j moves by
// gamma against the batch's load error: -gamma when expert j got more than the mean B k / E,
// +gamma when it got less. Defining property: on a skewed stream the imbalance decays over
// batches to a steady state set by gamma, with no loss term and no change to the scores.
#include <cstdint>
#include <memory>
#include <vector>

#include "routers/common/token_affinity.hpp"
#include "core/router.hpp"
#include "routers/router_config.hpp"
#include "routers/router_parameters.hpp"

namespace routelab {

class AuxFreeBiasRouter : public Router {
 public:
  explicit AuxFreeBiasRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;
  int max_depth(int k, int num_experts) const override;

  const std::vector<double>& bias() const { return bias_; }

 private:
  TokenAffinity affinity_;
  double gamma_;
  std::vector<double> bias_;
  std::vector<double> scores_;
  std::vector<std::int64_t> batch_load_;
  std::vector<ExpertId> order_;
};

std::unique_ptr<Router> make_aux_free_bias_router(const RouterConfig& config);
const ParamSchema& aux_free_bias_parameters();

}  // namespace routelab
