// The three overflow policies, on batches small enough to count every assignment by hand.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "engine/simulation.hpp"
#include "tests/support/scripted_run.hpp"

namespace routelab {
namespace {

using testing::batch_at;
using testing::run_scripted;
using testing::ScriptedRun;
using testing::tiny_config;

TEST(DropPolicy, DropsExactlyWhatExceedsPerBatchCapacity) {
  // E = 2, k = 1, capacity factor 1: a batch of 4 has fair share 2, so capacity 2 per expert.
  SimulationConfig config = tiny_config(2, 1, 10);
  config.capacity_factor = 1.0;
  config.overflow = OverflowPolicy::drop;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 4, 0), batch_at(100, 4, 4)}, 1, {{0, 0, 0, 0}, {0, 0, 0, 1}});
  const Summary& s = run.summary;

  ASSERT_EQ(run.requests.size(), 2u);
  EXPECT_EQ(run.requests[0].expert_capacity, (std::vector<std::int32_t>{2, 2}));
  EXPECT_EQ(s.tokens, 8);
  EXPECT_EQ(s.assignments, 8);
  EXPECT_EQ(s.assignments_dropped, 2 + 1);
  EXPECT_EQ(s.tokens_unserved, 3);  // k = 1: a dropped assignment leaves its token unserved
  EXPECT_EQ(s.tokens_completed, 5);
  EXPECT_EQ(s.expert_load, (std::vector<std::int64_t>{7, 1}));    // what the router chose
  EXPECT_EQ(s.expert_served, (std::vector<std::int64_t>{4, 1}));  // what was accepted
  EXPECT_DOUBLE_EQ(s.drop_rate, 3.0 / 8.0);
  EXPECT_DOUBLE_EQ(s.fill_ratio, 1.0);
}

TEST(DropPolicy, CapacityRoundsUpAndScalesWithTheFactor) {
  // Fair share 4 * 1 / 3 = 1.33; factor 1.5 gives ceil(2.0) = 2, factor 1.6 gives ceil(2.13) = 3.
  for (const auto& [factor, capacity] : {std::pair{1.5, 2}, std::pair{1.6, 3}}) {
    SimulationConfig config = tiny_config(3, 1, 10);
    config.capacity_factor = factor;
    config.overflow = OverflowPolicy::drop;
    const ScriptedRun run = run_scripted(config, {batch_at(0, 4)}, 1, {{1, 1, 1, 1}});
    const Summary& s = run.summary;
    EXPECT_EQ(run.requests[0].expert_capacity, std::vector<std::int32_t>(3, capacity)) << factor;
    EXPECT_EQ(s.assignments_dropped, 4 - capacity) << factor;
  }
}

TEST(DropPolicy, KTwoTokenCompletesWithItsAcceptedHalf) {
  // E = 2, k = 2, batch of 2: fair share 2, factor 0.5 -> capacity 1 per expert.
  SimulationConfig config = tiny_config(2, 2, 10);
  config.capacity_factor = 0.5;
  config.overflow = OverflowPolicy::drop;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 2)}, 2, {{0, 1, 1, 0}});
  const Summary& s = run.summary;
  // Token 0 takes both experts' single slot; token 1 loses both assignments.
  EXPECT_EQ(s.assignments, 4);
  EXPECT_EQ(s.assignments_dropped, 2);
  EXPECT_EQ(s.tokens_unserved, 1);
  EXPECT_EQ(s.tokens_completed, 1);
  EXPECT_EQ(s.latency_max, 10);
}

TEST(QueuePolicy, BoundedBufferDropsArrivalsThatFindItFull) {
  // One expert, one server, service 10, buffer 2. Tick 0: 5 arrive -> 1 served, 2 wait, 2 dropped.
  // Tick 10: the head starts (1 waits). Tick 15: 2 arrive -> 1 joins (2 wait), 1 dropped.
  SimulationConfig config = tiny_config(1, 1, 10);
  config.overflow = OverflowPolicy::queue;
  config.queue_buffer = 2;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 5, 0), batch_at(15, 2, 5)}, 1, {{0, 0, 0, 0, 0}, {0, 0}});
  const Summary& s = run.summary;
  EXPECT_EQ(s.assignments, 7);
  EXPECT_EQ(s.assignments_dropped, 3);
  EXPECT_EQ(s.tokens_completed, 4);
  EXPECT_EQ(s.end_tick, 40);
  // Waits: 0, 10, 20 (first batch), 30 - 15 = 15 (second) -> mean 45 / 4.
  EXPECT_DOUBLE_EQ(s.mean_wait, 45.0 / 4.0);
  EXPECT_EQ(s.latency_max, 30);  // latencies 10, 20, 30, 25
  EXPECT_EQ(s.latency_p50, 20);  // nearest rank 2 of {10, 20, 25, 30}
}

TEST(QueuePolicy, ZeroBufferAdmitsOnlyIntoFreeServers) {
  SimulationConfig config = tiny_config(1, 1, 10);
  config.servers_per_expert = 2;
  config.queue_buffer = 0;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 5)}, 1, {{0, 0, 0, 0, 0}});
  const Summary& s = run.summary;
  EXPECT_EQ(s.assignments_dropped, 3);
  EXPECT_EQ(s.tokens_completed, 2);
  EXPECT_DOUBLE_EQ(s.mean_wait, 0.0);
}

TEST(QueuePolicy, UnboundedBufferNeverDropsAndIgnoresCapacity) {
  SimulationConfig config = tiny_config(2, 1, 10);
  config.capacity_factor = 1.0;  // capacity 2 per expert, but `queue` does not cut
  const ScriptedRun run = run_scripted(config, {batch_at(0, 4)}, 1, {{0, 0, 0, 0}});
  const Summary& s = run.summary;
  EXPECT_EQ(s.assignments_dropped, 0);
  EXPECT_EQ(s.tokens_completed, 4);
  EXPECT_EQ(s.end_tick, 40);
  EXPECT_DOUBLE_EQ(s.mean_wait, (0 + 10 + 20 + 30) / 4.0);
}

TEST(NextChoicePolicy, ReroutesDownTheRankingToTheFirstExpertWithRoom) {
  // E = 3, k = 1, batch of 3: capacity 1 each. Every token ranks 0, 1, 2.
  SimulationConfig config = tiny_config(3, 1, 10);
  config.capacity_factor = 1.0;
  config.overflow = OverflowPolicy::next_choice;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 3)}, 3, {{0, 1, 2, 0, 1, 2, 0, 1, 2}});
  const Summary& s = run.summary;
  EXPECT_EQ(run.requests[0].depth, 3);  // the engine asks for the router's whole ranking
  EXPECT_EQ(run.requests[0].k, 1);
  EXPECT_EQ(s.assignments, 3);
  EXPECT_EQ(s.assignments_rerouted, 2);
  EXPECT_EQ(s.assignments_dropped, 0);
  EXPECT_EQ(s.expert_load, (std::vector<std::int64_t>{3, 0, 0}));
  EXPECT_EQ(s.expert_served, (std::vector<std::int64_t>{1, 1, 1}));
  EXPECT_EQ(s.end_tick, 10);  // all three in parallel
}

TEST(NextChoicePolicy, DropsWhenEveryFallbackIsFull) {
  // E = 2, k = 1, batch of 4, factor 0.5: capacity 1 each. Ranking 0, 1 for all.
  SimulationConfig config = tiny_config(2, 1, 10);
  config.capacity_factor = 0.5;
  config.overflow = OverflowPolicy::next_choice;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 4)}, 2, {{0, 1, 0, 1, 0, 1, 0, 1}});
  const Summary& s = run.summary;
  EXPECT_EQ(s.assignments_rerouted, 1);
  EXPECT_EQ(s.assignments_dropped, 2);
  EXPECT_EQ(s.expert_served, (std::vector<std::int64_t>{1, 1}));
}

TEST(NextChoicePolicy, SkipsFallbacksTheTokenAlreadyHolds) {
  // E = 4, k = 2, batch of 2: fair share 1, capacity 1 each. Token 0 fills experts 0 and 2.
  // Token 1 wants {0, 1} and ranks 1, 3 as fallbacks: 0 is full, fallback 1 is its own other
  // primary and must be skipped, so it lands on 3.
  SimulationConfig config = tiny_config(4, 2, 10);
  config.capacity_factor = 1.0;
  config.overflow = OverflowPolicy::next_choice;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 2)}, 4, {{0, 2, 1, 3, /* token 1 */ 0, 1, 1, 3}});
  const Summary& s = run.summary;
  EXPECT_EQ(run.requests[0].depth, 4);
  EXPECT_EQ(s.assignments, 4);
  EXPECT_EQ(s.assignments_rerouted, 1);
  EXPECT_EQ(s.assignments_dropped, 0);
  EXPECT_EQ(s.expert_load, (std::vector<std::int64_t>{2, 1, 1, 0}));
  EXPECT_EQ(s.expert_served, (std::vector<std::int64_t>{1, 1, 1, 1}));
}

TEST(NextChoicePolicy, RouterWithoutRankingDropsLikeDrop) {
  SimulationConfig config = tiny_config(2, 1, 10);
  config.capacity_factor = 0.5;
  config.overflow = OverflowPolicy::next_choice;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 4)}, 1, {{0, 0, 0, 0}});  // offers k = 1 column only
  const Summary& s = run.summary;
  EXPECT_EQ(run.requests[0].depth, 1);
  EXPECT_EQ(s.assignments_dropped, 3);
  EXPECT_EQ(s.assignments_rerouted, 0);
}

TEST(OverflowConfig, DropAndNextChoiceNeedACapacityFactor) {
  SimulationConfig config = tiny_config(2, 1, 10);
  config.overflow = OverflowPolicy::drop;
  EXPECT_THROW(config.validate(), ConfigError);
  config.overflow = OverflowPolicy::next_choice;
  EXPECT_THROW(config.validate(), ConfigError);
  config.capacity_factor = 1.0;
  EXPECT_NO_THROW(config.validate());
  EXPECT_EQ(parse_overflow_policy("next_choice", "f"), OverflowPolicy::next_choice);
  EXPECT_THROW(parse_overflow_policy("spill", "routing.overflow"), ConfigError);
}

}  // namespace
}  // namespace routelab
