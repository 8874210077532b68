#pragma once
// `signature`: emergent routing with no router parameters. Each expert's signature is read from
// its own weights: the sign of the sum of the rows of its weight matrix (a d-vector of +-1). A
// token goes to the k experts whose signatures have the largest dot product with its embedding;
// the rest of that order is its next_choice fallback. Nothing balances the load: the experts'
// weights alone decide it. Content-deterministic.
#include <memory>
#include <span>
#include <vector>

#include "routers/learned/training_set.hpp"
#include "core/router.hpp"
#include "routers/router_parameters.hpp"

namespace routelab {

// sign(sum of rows) per expert (0 counts as +1); weights: experts x rows x dim.
std::vector<float> read_signatures(std::span<const float> expert_weights, int experts, int rows, int dim);

class SignatureRouter : public Router {
 public:
  explicit SignatureRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;
  int max_depth(int k, int num_experts) const override;

 private:
  int dim_ = 0;
  std::vector<float> signatures_;  // experts x dim, entries +-1
  std::vector<double> scores_;
  std::vector<ExpertId> order_;
};

std::unique_ptr<Router> make_signature_router(const RouterConfig& config);
// "Training" reads the signatures off the experts' weights; the training tokens are not used.
TrainedModel train_signature(const TrainingSet& set, const RouterConfig& config);
const ParamSchema& signature_parameters();

}  // namespace routelab
