#include "routers/aux_free_bias/aux_free_bias_router.hpp"

#include <algorithm>

#include "routers/learned/expert_ranking.hpp"

namespace routelab {

namespace {

// DeepSeek-V3 trains with gamma = 0.001 over hundreds of thousands of steps; a routelab run is a
// few hundred batches, so the default is ten times faster (affinities here span [0, 1) or a few
// units, as a sigmoid gate's do).
constexpr double kDefaultGamma = 0.01;

}  // namespace

AuxFreeBiasRouter::AuxFreeBiasRouter(const RouterConfig& config)
    : affinity_(config.seed),
      gamma_(config.params.get_double("gamma", kDefaultGamma)),
      bias_(static_cast<std::size_t>(config.num_experts), 0.0),
      scores_(static_cast<std::size_t>(config.num_experts)) {}

int AuxFreeBiasRouter::max_depth(int k, int num_experts) const {
  (void)k;
  return num_experts;  // the biased ranking goes on: next_choice may walk all of it
}

void AuxFreeBiasRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  const auto experts = static_cast<std::size_t>(request.num_experts);
  const auto depth = static_cast<std::size_t>(request.depth);
  const auto k = static_cast<std::size_t>(std::min(request.k, request.num_experts));
  batch_load_.assign(experts, 0);
  for (std::size_t i = 0; i < request.batch.tokens.size(); ++i) {
    affinity_.scores(request.batch, i, scores_);
    for (std::size_t j = 0; j < experts; ++j) scores_[j] += bias_[j];  // for selection only
    const auto row = out.subspan(i * depth, std::min(depth, experts));
    write_ranking(scores_, row, order_);
    for (std::size_t c = 0; c < k; ++c) ++batch_load_[static_cast<std::size_t>(row[c])];
  }
  if (request.batch.tokens.empty()) return;
  // The update after the batch: against the sign of each expert's load error.
  const double mean = static_cast<double>(request.batch.tokens.size() * k) / static_cast<double>(experts);
  for (std::size_t j = 0; j < experts; ++j) {
    const auto load = static_cast<double>(batch_load_[j]);
    if (load > mean) bias_[j] -= gamma_;
    if (load < mean) bias_[j] += gamma_;
  }
}

std::unique_ptr<Router> make_aux_free_bias_router(const RouterConfig& config) {
  return std::make_unique<AuxFreeBiasRouter>(config);
}

const ParamSchema& aux_free_bias_parameters() {
  static const ParamSchema schema{
      {.name = "gamma",
       .type = ParamType::number,
       .default_value = number_text(kDefaultGamma),
       .min = 0,
       .max = 10,
       .meaning = "bias update speed: each expert's bias moves by this after every batch, against its load error"},
  };
  return schema;
}

}  // namespace routelab
