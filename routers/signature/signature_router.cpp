#include "routers/signature/signature_router.hpp"

#include "core/errors.hpp"
#include "routers/learned/embedding_check.hpp"
#include "routers/learned/expert_ranking.hpp"
#include "routers/learned/learned_parameters.hpp"
#include "routers/learned/model_file.hpp"

namespace routelab {

std::vector<float> read_signatures(std::span<const float> expert_weights, int experts, int rows, int dim) {
  const auto d = static_cast<std::size_t>(dim);
  std::vector<float> signatures(static_cast<std::size_t>(experts) * d);
  for (std::size_t e = 0; e < static_cast<std::size_t>(experts); ++e) {
    for (std::size_t i = 0; i < d; ++i) {
      double sum = 0;
      for (std::size_t r = 0; r < static_cast<std::size_t>(rows); ++r)
        sum += expert_weights[(e * static_cast<std::size_t>(rows) + r) * d + i];
      signatures[e * d + i] = sum < 0 ? -1.0F : 1.0F;
    }
  }
  return signatures;
}

SignatureRouter::SignatureRouter(const RouterConfig& config) {
  const ModelReader reader(model_text(config), "signature", config.num_experts);
  dim_ = reader.dim();
  signatures_ = reader.floats("signatures", static_cast<std::size_t>(config.num_experts) * static_cast<std::size_t>(dim_));
  for (std::size_t i = 0; i < signatures_.size(); ++i)
    if (signatures_[i] != 1.0F && signatures_[i] != -1.0F)
      reader.fail("parameters.signatures[" + std::to_string(i) + "]", "expected +1 or -1");
  scores_.resize(static_cast<std::size_t>(config.num_experts));
}

int SignatureRouter::max_depth(int k, int num_experts) const {
  (void)k;
  return num_experts;
}

void SignatureRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  require_embeddings(request.batch, dim_, "signature");
  const auto d = static_cast<std::size_t>(dim_);
  const auto depth = static_cast<std::size_t>(std::min(request.depth, request.num_experts));
  for (std::size_t i = 0; i < request.batch.tokens.size(); ++i) {
    const auto x = request.batch.embeddings.subspan(i * d, d);
    for (std::size_t e = 0; e < scores_.size(); ++e) {
      double dot = 0;
      for (std::size_t j = 0; j < d; ++j) dot += static_cast<double>(signatures_[e * d + j]) * x[j];
      scores_[e] = dot;
    }
    write_ranking(scores_, out.subspan(i * static_cast<std::size_t>(request.depth), depth), order_);
  }
}

std::unique_ptr<Router> make_signature_router(const RouterConfig& config) {
  return std::make_unique<SignatureRouter>(config);
}

const ParamSchema& signature_parameters() {
  static const ParamSchema schema = learned_router_parameters({});
  return schema;
}

TrainedModel train_signature(const TrainingSet& set, const RouterConfig& config) {
  validate_router_params(config, signature_parameters());  // trainers run outside RouterRegistry::create
  if (set.expert_rows < 1 ||
      set.expert_weights.size() != static_cast<std::size_t>(set.experts * set.expert_rows * set.dim))
    throw ConfigError("router.signature", "the scenario provides no expert weights to read signatures from");
  auto document = model_document("signature", set.experts, set.dim);
  document["training"] = {{"expert_rows", set.expert_rows}, {"read_from", "sign of the summed rows of each expert's weights"}};
  document["parameters"]["signatures"] = read_signatures(set.expert_weights, set.experts, set.expert_rows, set.dim);
  return TrainedModel{dump_model(document), {}};
}

}  // namespace routelab
