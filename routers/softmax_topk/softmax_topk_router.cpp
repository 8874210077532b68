#include "routers/softmax_topk/softmax_topk_router.hpp"

#include "routers/learned/embedding_check.hpp"
#include "routers/learned/expert_ranking.hpp"
#include "routers/softmax_topk/softmax_gate_training.hpp"

namespace routelab {

namespace {
const std::vector<std::string> kParams = learned_router_params({"balance_coef", "epochs", "learning_rate"});
}

SoftmaxTopkRouter::SoftmaxTopkRouter(const RouterConfig& config) {
  config.params.expect_only(config.name, kParams);
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

TrainedModel train_softmax_topk(const TrainingSet& set, const RouterConfig& config) {
  config.params.expect_only(config.name, kParams);
  return train_softmax_gate(set, softmax_training_options(config.params));
}

}  // namespace routelab
