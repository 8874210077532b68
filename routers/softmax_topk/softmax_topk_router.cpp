#include "routers/softmax_topk/softmax_topk_router.hpp"

#include "routers/learned/embedding_check.hpp"
#include "routers/learned/expert_ranking.hpp"
#include "routers/learned/learned_parameters.hpp"
#include "routers/softmax_topk/softmax_gate_training.hpp"

namespace routelab {

SoftmaxTopkRouter::SoftmaxTopkRouter(const RouterConfig& config) {
  const ModelReader reader(model_text(config), "softmax_topk", config.num_experts);
  gate_ = SoftmaxGate::read(reader, config.num_experts);
  scores_.resize(static_cast<std::size_t>(config.num_experts));
}

int SoftmaxTopkRouter::max_depth(int k, int num_experts) const {
  (void)k;
  return num_experts;  // the whole ranking: next_choice may walk all of it
}

void SoftmaxTopkRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  require_embeddings(request.batch, gate_.dim, "softmax_topk");
  const auto dim = static_cast<std::size_t>(gate_.dim);
  const auto depth = static_cast<std::size_t>(std::min(request.depth, request.num_experts));
  for (std::size_t i = 0; i < request.batch.tokens.size(); ++i) {
    gate_.logits(request.batch.embeddings.subspan(i * dim, dim), scores_);
    write_ranking(scores_, out.subspan(i * static_cast<std::size_t>(request.depth), depth), order_);
  }
}

std::unique_ptr<Router> make_softmax_topk_router(const RouterConfig& config) {
  return std::make_unique<SoftmaxTopkRouter>(config);
}

const ParamSchema& softmax_topk_parameters() {
  static const ParamSchema schema = learned_router_parameters({
      balance_coef_parameter(SoftmaxTrainingOptions{}.balance_coef,
                             "weight of the Switch balance loss (0 turns it off)"),
      epochs_parameter(SoftmaxTrainingOptions{}.epochs),
      learning_rate_parameter(SoftmaxTrainingOptions{}.learning_rate),
  });
  return schema;
}

TrainedModel train_softmax_topk(const TrainingSet& set, const RouterConfig& config) {
  validate_router_params(config, softmax_topk_parameters());  // trainers run outside RouterRegistry::create
  return train_softmax_gate(set, softmax_training_options(config.params));
}

}  // namespace routelab
