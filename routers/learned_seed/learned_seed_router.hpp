#pragma once
// `learned_seed`: the phase router with learned seeds (docs/learned-routing.md). Every expert is
// eligible (s_i = E) and expert j's arc on the token ring has t_j = its batch capacity positions,
// as in `phase`; the token ring placement pi_T is learned: each token picks a seed by a projection
// of its embedding and is placed from that seed's home (SeedPlacement), with the oblivious phase
// placement as the fallback. The column bound load_j <= t_j holds for any model. Deterministic:
// the same model, seed and batch give the same routes.
#include <cstdint>
#include <memory>
#include <vector>

#include "routers/learned/training_set.hpp"
#include "routers/learned_seed/learned_seed_model.hpp"
#include "routers/learned_seed/seed_placement.hpp"
#include "routers/router.hpp"

namespace routelab {

// t_j for a batch: the engine's per-batch capacity where there is one, else the fair share
// ceil(B k / E x speed weight); at most B (an arc covers at most the whole ring).
std::vector<std::int64_t> ring_capacities(std::size_t batch_size, int k, std::span<const std::int32_t> capacity,
                                          std::span<const double> speed_weight);

class LearnedSeedRouter : public Router {
 public:
  explicit LearnedSeedRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;

  // Tokens placed from their seed's home / by the oblivious fallback, over all batches so far.
  const PlacementCounts& placement_counts() const { return counts_; }

 private:
  LearnedSeedModel model_;
  std::uint64_t seed_;
  std::vector<double> speed_weight_;
  SeedPlacement placement_;
  PlacementCounts counts_;
  std::vector<int> seed_of_token_;
  std::vector<std::int32_t> position_;
  std::vector<std::int32_t> candidates_;
};

std::unique_ptr<Router> make_learned_seed_router(const RouterConfig& config);
TrainedModel train_learned_seed_router(const TrainingSet& set, const RouterConfig& config);

}  // namespace routelab
