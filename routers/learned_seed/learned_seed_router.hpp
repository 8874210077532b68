#pragma once
// `learned_seed`: the phase router with learned seeds (docs/learned-routing.md). It routes every
// batch through the phase library exactly as `phase` does -- every expert eligible (s_i = E),
// expert j's arc on the token ring t_j = its batch capacity (phase::batch_capacities), the seed of
// batch b phase::batch_seed(seed, b) -- except for pi_T, the tokens' ring positions, which it
// learns: each token picks a seed by a projection of its embedding and is placed from that seed's
// home (SeedPlacement), with the oblivious phase placement as the fallback. Given phase's own pi_T
// it returns phase's routes (the oracle test); the column bound load_j <= t_j holds for any model.
// Deterministic: the same model, seed and batch give the same routes.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "routers/learned/training_set.hpp"
#include "routers/learned_seed/learned_seed_model.hpp"
#include "routers/learned_seed/seed_placement.hpp"
#include "core/router.hpp"

namespace routelab {

class LearnedSeedRouter : public Router {
 public:
  explicit LearnedSeedRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;

  // The phase router's routing of the batch with pi_T = `positions` (token i at ring position
  // positions[i], a permutation of 0..B-1): route() calls it with the learned placement.
  void route_at_positions(const RoutingRequest& request, std::span<const std::int32_t> positions,
                          std::span<ExpertId> out);

  // Tokens placed from their seed's home / by the oblivious fallback, over all batches so far.
  const PlacementCounts& placement_counts() const { return counts_; }
  // The last batch's learned pi_T: the ring position of each of its tokens.
  std::span<const std::int32_t> last_positions() const { return position_; }

 private:
  LearnedSeedModel model_;
  std::uint64_t seed_;
  std::vector<double> expert_speed_;  // one per expert (empty: all equal)
  SeedPlacement placement_;
  PlacementCounts counts_;
  std::vector<int> seed_of_token_;
  std::vector<std::int32_t> position_;
  std::vector<std::int64_t> all_experts_;  // s_i = E for every token
};

std::unique_ptr<Router> make_learned_seed_router(const RouterConfig& config);
TrainedModel train_learned_seed_router(const TrainingSet& set, const RouterConfig& config);

}  // namespace routelab
