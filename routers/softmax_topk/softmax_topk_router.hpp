#pragma once
// `softmax_topk`: a linear softmax gate over the token embedding (the classic MoE router), trained
// with the Switch auxiliary balance loss (parameter balance_coef; 0 = none). At inference each
// token takes its k highest logits; the rest of the ranking is its next_choice fallback order, and
// the scenario's capacity factor and overflow policy decide drops. Content-deterministic: tokens
// with identical embeddings always land together.
#include <memory>
#include <vector>

#include "routers/learned/training_set.hpp"
#include "core/router.hpp"
#include "routers/router_parameters.hpp"
#include "routers/softmax_topk/softmax_gate.hpp"

namespace routelab {

class SoftmaxTopkRouter : public Router {
 public:
  explicit SoftmaxTopkRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;
  int max_depth(int k, int num_experts) const override;

 private:
  SoftmaxGate gate_;
  std::vector<double> scores_;
  std::vector<ExpertId> order_;
};

std::unique_ptr<Router> make_softmax_topk_router(const RouterConfig& config);
TrainedModel train_softmax_topk(const TrainingSet& set, const RouterConfig& config);
const ParamSchema& softmax_topk_parameters();

}  // namespace routelab
