// learned_seed as a router: given the phase router's own token permutation it routes exactly as
// `phase` does (it is the phase router with a learned pi_T), the phase column bound holds batch by
// batch, routing is deterministic, and on a semantic stream it routes by meaning.
#include "routers/learned_seed/learned_seed_router.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "routers/phase/phase_operator.hpp"
#include "routers/phase/phase_rng.hpp"
#include "routers/phase/phase_router.hpp"

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

// The oracle: with pi_T set to exactly the permutation `phase` draws for the batch, learned_seed's
// routes are phase's, token for token (same s_i = E, same t_j, same per-batch seed, same arcs,
// same seeded choice of k candidates). Capacity factors 0 means no engine capacity: t_j is then the
// speed-weighted fair share, as in `phase`.
TEST(LearnedSeedRouter, WithThePhasePermutationItRoutesExactlyAsThePhaseRouter) {
  const SemanticWorld world;
  const int experts = world.experts;
  int checked = 0;
  for (const std::size_t batch_size : {std::size_t{1}, std::size_t{7}, std::size_t{64}, std::size_t{256}, std::size_t{333}}) {
    for (const int k : {1, 2, 3}) {
      for (const double capacity_factor : {0.0, 1.0, 1.25, 2.0}) {
        for (const bool speeds : {false, true}) {
          SCOPED_TRACE("B=" + std::to_string(batch_size) + " k=" + std::to_string(k) +
                       " capacity_factor=" + std::to_string(capacity_factor) + (speeds ? " speeds" : ""));
          RouterConfig seed_config = world.router_config("learned_seed", k, trained_model());
          RouterConfig phase_config = world.router_config("phase", k);
          phase_config.params.set("expert_order", "given");  // learned_seed keeps the experts' order
          if (speeds) {
            for (int j = 0; j < experts; ++j) seed_config.expert_speed.push_back(1.0 + j % 3);
            phase_config.expert_speed = seed_config.expert_speed;
          }
          LearnedSeedRouter learned(seed_config);
          phase::PhaseRouter oblivious(phase_config);
          std::vector<Token> tokens(batch_size);
          for (std::size_t i = 0; i < batch_size; ++i) tokens[i] = Token{i, i * 13, 0, -1};
          const std::vector<std::int64_t> outstanding(static_cast<std::size_t>(experts), 0);
          std::vector<std::int32_t> capacity(static_cast<std::size_t>(experts), std::numeric_limits<std::int32_t>::max());
          if (capacity_factor > 0)
            for (int j = 0; j < experts; ++j)
              capacity[static_cast<std::size_t>(j)] = static_cast<std::int32_t>(
                  std::ceil(capacity_factor * static_cast<double>(batch_size) * k / experts * (speeds ? 1.0 + j % 3 : 1.0)));
          const int depth = k + 1;  // a wider output: both leave the extra column alone
          for (const std::uint64_t index : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{41}}) {
            const TokenBatch batch{0, index, tokens, 0, {}};
            const RoutingRequest request{batch, k, depth, experts, outstanding, capacity};
            std::vector<ExpertId> expected(batch_size * static_cast<std::size_t>(depth), kNoExpert);
            oblivious.route(request, expected);
            // The permutation `phase` draws for this batch: its operator from its t and seed.
            std::vector<std::int64_t> all_experts(batch_size, experts);
            const phase::PhaseOperator op(all_experts, oblivious.batch_capacities(request),
                                          phase::batch_seed(phase_config.seed, index), false, {},
                                          oblivious.arc_layout());
            std::vector<ExpertId> actual(expected.size(), kNoExpert);
            learned.route_at_positions(request, op.pi_t(), actual);
            ASSERT_EQ(actual, expected) << "batch " << index;
            ++checked;
          }
        }
      }
    }
  }
  EXPECT_EQ(checked, 5 * 3 * 4 * 2 * 3);
}

TEST(LearnedSeedRouter, RouteIsThePhaseRoutingOfItsLearnedPlacement) {
  // route() = route_at_positions() with the learned placement, which is a permutation of the ring.
  const SemanticWorld world;
  LearnedSeedRouter router(world.router_config("learned_seed", 2, trained_model()));
  LearnedSeedRouter replay(world.router_config("learned_seed", 2, trained_model()));
  auto source = world.stream(0, 1024);
  TokenBatch batch;
  const std::vector<std::int64_t> outstanding(world.experts, 0);
  const std::vector<std::int32_t> capacity(world.experts, 40);
  while (source->next_batch(batch)) {
    const RoutingRequest request{batch, 2, 2, world.experts, outstanding, capacity};
    std::vector<ExpertId> routed(batch.tokens.size() * 2, kNoExpert);
    router.route(request, routed);
    std::vector<std::int32_t> positions(router.last_positions().begin(), router.last_positions().end());
    ASSERT_EQ(positions.size(), batch.tokens.size());
    std::vector<std::int32_t> sorted = positions;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t u = 0; u < sorted.size(); ++u) ASSERT_EQ(sorted[u], static_cast<std::int32_t>(u));
    std::vector<ExpertId> replayed(routed.size(), kNoExpert);
    replay.route_at_positions(request, positions, replayed);
    EXPECT_EQ(replayed, routed) << "batch " << batch.index;
    std::reverse(positions.begin(), positions.end());  // another pi_T: other routes
    replay.route_at_positions(request, positions, replayed);
    EXPECT_NE(replayed, routed) << "batch " << batch.index;
  }
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
