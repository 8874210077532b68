#include "routers/learned_seed/learned_seed_router.hpp"

#include "core/batch_capacity.hpp"
#include "routers/learned/embedding_check.hpp"
#include "routers/learned_seed/learned_seed_training.hpp"
#include "routers/learned_seed/seed_permutation.hpp"
#include "routers/learned_seed/seed_window_share.hpp"
#include "routers/phase/phase_route.hpp"
#include "routers/phase/phase_router.hpp"
#include "routers/phase/phase_rng.hpp"

namespace routelab {

LearnedSeedRouter::LearnedSeedRouter(const RouterConfig& config)
    : seed_(config.seed), expert_speed_(config.expert_speed) {
  const ModelReader reader(model_text(config), "learned_seed", config.num_experts);
  model_ = LearnedSeedModel::read(reader);
}

void LearnedSeedRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  require_embeddings(request.batch, model_.dim, "learned_seed");
  const std::size_t n = request.batch.tokens.size();
  if (n == 0) return;
  const auto dim = static_cast<std::size_t>(model_.dim);
  seed_of_token_.resize(n);
  position_.resize(n);
  for (std::size_t i = 0; i < n; ++i) seed_of_token_[i] = model_.seed_of(request.batch.embeddings.subspan(i * dim, dim));
  const std::uint64_t batch_key = mix64(seed_ ^ mix64(request.batch.index + 0x6a09e667f3bcc909ULL));
  const PlacementCounts counts = placement_.place(model_, seed_of_token_, batch_key, position_);
  counts_.at_home += counts.at_home;
  counts_.fallback += counts.fallback;

  route_at_positions(request, position_, out);
}

void LearnedSeedRouter::route_at_positions(const RoutingRequest& request, std::span<const std::int32_t> positions,
                                           std::span<ExpertId> out) {
  const auto n = static_cast<std::int64_t>(request.batch.tokens.size());
  if (n == 0) return;
  all_experts_.assign(static_cast<std::size_t>(n), request.num_experts);
  const std::vector<std::int64_t> t =
      phase::batch_capacities(n, request.k, request.num_experts, request.expert_capacity, expert_speed_);
  const phase::PhaseOperator op(all_experts_, t, phase::batch_seed(seed_, request.batch.index), false, positions,
                                kLearnedSeedArcLayout);
  phase::PhaseOptions options;
  options.k = request.k;
  phase::route_operator(op, options, phase::RouteTable{out.data(), request.depth});  // straight into the strided output
}

std::unique_ptr<Router> make_learned_seed_router(const RouterConfig& config) {
  return std::make_unique<LearnedSeedRouter>(config);
}

TrainedModel train_learned_seed_router(const TrainingSet& set, const RouterConfig& config) {
  validate_router_params(config, learned_seed_parameters());  // trainers run outside RouterRegistry::create
  std::vector<std::int32_t> capacity;  // the engine's capacity rule for a batch of the scenario's size
  batch_capacity_of_experts(static_cast<std::size_t>(set.batch_size), set.k, set.experts, config.capacity_factor,
                            config.expert_speed, capacity);
  const std::vector<std::int64_t> t = phase::batch_capacities(set.batch_size, set.k, set.experts, capacity,
                                                              config.expert_speed);
  return train_learned_seed(set, t, seed_training_options(config.params));
}

}  // namespace routelab
