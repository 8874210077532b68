// learned_seed as a router: the phase column bound holds batch by batch, routing is deterministic,
// and on a semantic stream it routes by meaning.
#include "routers/learned_seed/learned_seed_router.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "routers/learned_seed/learned_seed_training.hpp"
#include "tests/support/semantic_world.hpp"

namespace routelab {
namespace {

using testing::SemanticWorld;

const std::string& trained_model() {
  static const std::string model = [] {
    const SemanticWorld world;
    RouterConfig config = world.router_config("learned_seed", 1);
    config.capacity_factor = 1.25;
    config.params.set("epochs", "4");
    return train_learned_seed_router(world.training_set(8192, 1), config).json;
  }();
  return model;
}


TEST(LearnedSeedRouter, EveryBatchRespectsThePhaseColumnBound) {
  const SemanticWorld world;
  LearnedSeedRouter router(world.router_config("learned_seed", 2, trained_model()));
  auto source = world.stream(0, 4096);
  TokenBatch batch;
  std::vector<std::int64_t> outstanding(world.experts, 0);
  std::vector<std::int32_t> capacity(world.experts, static_cast<std::int32_t>(std::ceil(1.25 * 256 * 2 / 16.0)));
  while (source->next_batch(batch)) {
    std::vector<ExpertId> out(batch.tokens.size() * 2, kNoExpert);
    router.route(RoutingRequest{batch, 2, 2, world.experts, outstanding, capacity}, out);
    std::vector<std::int32_t> load(world.experts, 0);
    for (std::size_t i = 0; i < batch.tokens.size(); ++i) {
      EXPECT_NE(out[2 * i], out[2 * i + 1]) << "token " << i;  // two distinct experts (each has >= 2 candidates)
      for (int c = 0; c < 2; ++c) {
        ASSERT_GE(out[2 * i + c], 0);
        ++load[out[2 * i + c]];
      }
    }
    for (int j = 0; j < world.experts; ++j) EXPECT_LE(load[j], capacity[j]) << "expert " << j;
  }
  EXPECT_GT(router.placement_counts().at_home, 0);
}

TEST(LearnedSeedRouter, IsDeterministicForAFixedSeedAndModel) {
  const SemanticWorld world;
  std::vector<std::vector<ExpertId>> runs;
  for (std::uint64_t seed : {1u, 1u, 2u}) {
    RouterConfig config = world.router_config("learned_seed", 1, trained_model());
    config.seed = seed;
    LearnedSeedRouter router(config);
    auto source = world.stream(0, 1024);
    TokenBatch batch;
    std::vector<ExpertId> all;
    std::vector<std::int64_t> outstanding(world.experts, 0);
    std::vector<std::int32_t> capacity(world.experts, 20);
    while (source->next_batch(batch)) {
      std::vector<ExpertId> out(batch.tokens.size(), kNoExpert);
      router.route(RoutingRequest{batch, 1, 1, world.experts, outstanding, capacity}, out);
      all.insert(all.end(), out.begin(), out.end());
    }
    runs.push_back(all);
  }
  EXPECT_EQ(runs[0], runs[1]);
  EXPECT_NE(runs[0], runs[2]);  // the seed keys the permutations and the choice among candidates
}

TEST(LearnedSeedRouter, RoutesByMeaningWithinThePhaseBound) {
  const SemanticWorld world;
  LearnedSeedRouter router(world.router_config("learned_seed", 1, trained_model()));
  const testing::Evaluation evaluation = world.evaluate(router, 1, 8192, OverflowPolicy::drop, 1.25);
  std::printf("learned_seed: match %.3f loss %.3f (best %.3f) max/mean %.3f drops %.4f fallback %.3f\n",
              evaluation.quality.match_share, evaluation.quality.expert_loss_mean, evaluation.quality.expert_loss_best,
              evaluation.summary.load_max_over_mean, evaluation.summary.drop_rate,
              static_cast<double>(router.placement_counts().fallback) / 8192.0);
  EXPECT_EQ(evaluation.summary.assignments_dropped, 0);  // t_j is the engine's capacity: nothing overflows
  EXPECT_LE(evaluation.summary.load_max_over_mean, 1.25 + 1e-9);  // ceil(1.25 x 16) / 16
  EXPECT_GT(evaluation.quality.match_share, 0.5);  // a content-blind router matches about 1/4
}

}  // namespace
}  // namespace routelab
