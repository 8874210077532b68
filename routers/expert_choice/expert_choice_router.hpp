#pragma once
// `expert_choice`: Expert Choice routing (Zhou, Lei, Liu, Du, Huang, Zhao, Dai, Chen, Le, Laudon,
// "Mixture-of-Experts with Expert Choice Routing", NeurIPS 2022). The experts choose, not the
// tokens: each expert takes its c highest-affinity tokens of the batch, c = ceil(f B k / E) (f the
// capacity factor, default 1), so every expert gets exactly c tokens and a token gets 0..E experts.
// The routing seam records k assignments per token: a token chosen by more than k experts keeps
// its k best in the assignment columns and the rest as next_choice fallbacks, and a token no
// expert took has an empty row (the engine counts it unserved). Affinities as aux_free_bias's.
#include <cstdint>
#include <memory>
#include <vector>

#include "routers/common/token_affinity.hpp"
#include "core/router.hpp"
#include "routers/router_config.hpp"
#include "routers/router_parameters.hpp"

namespace routelab {

// Each expert's c best tokens of a tokens x experts affinity matrix (ties to the lower token):
// chosen[e] lists expert e's tokens, best first. c is clamped to the token count.
std::vector<std::vector<std::size_t>> expert_choices(std::span<const double> affinity, std::size_t tokens, int experts,
                                                     std::size_t c);

// c for a batch: ceil(capacity_factor * tokens * k / experts), at most tokens.
std::size_t expert_choice_capacity(double capacity_factor, std::size_t tokens, int k, int experts);

class ExpertChoiceRouter : public Router {
 public:
  explicit ExpertChoiceRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;
  int max_depth(int k, int num_experts) const override;

  // The last batch: tokens no expert took, and expert choices the k assignment columns could not hold.
  std::size_t untaken_tokens() const { return untaken_; }
  std::size_t choices_beyond_k() const { return beyond_k_; }

 private:
  TokenAffinity affinity_;
  double capacity_factor_;
  std::vector<double> scores_;
  std::size_t untaken_ = 0;
  std::size_t beyond_k_ = 0;
};

std::unique_ptr<Router> make_expert_choice_router(const RouterConfig& config);
const ParamSchema& expert_choice_parameters();

}  // namespace routelab
