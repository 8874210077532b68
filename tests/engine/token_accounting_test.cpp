// Token latency, fill ratio and drop rate definitions, stop_tick, and the engine's own checks.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "engine/simulation.hpp"
#include "tests/support/scripted_run.hpp"

namespace routelab {
namespace {

using testing::batch_at;
using testing::RecordingSink;
using testing::ScriptedBatch;
using testing::run_scripted;
using testing::ScriptedRouter;
using testing::ScriptedRun;
using testing::ScriptedWorkload;
using testing::tiny_config;

TEST(TokenLatency, IsCompletionOfTheLastAssignmentMinusTokenArrival) {
  // E = 2, k = 2, service 10, expert 1 twice as fast (5 ticks). A batch dispatched at tick 10
  // holds token 0 (arrived at tick 4, waiting for its batch) on {0, 1} and token 1 (arrived at
  // 10) on {1} only. Expert 0 serves token 0 in 10..20; expert 1 serves token 0 in 10..15, then
  // token 1 in 15..20. Latencies: 20 - 4 = 16 and 20 - 10 = 10.
  SimulationConfig config = tiny_config(2, 2, 10);
  config.expert_speed = {1.0, 2.0};
  ScriptedBatch batch{10, {Token{0, 0, 4, -1}, Token{1, 1, 10, -1}}};
  const ScriptedRun run = run_scripted(config, {batch}, 2, {{0, 1, 1, kNoExpert}});
  const Summary& s = run.summary;
  EXPECT_EQ(s.tokens_completed, 2);
  EXPECT_EQ(s.latency_max, 16);
  EXPECT_EQ(s.latency_p50, 10);
  EXPECT_DOUBLE_EQ(s.latency_mean, 13.0);
  // Waits are counted from dispatch to the expert (tick 10), not from the token's own arrival:
  // only token 1 at expert 1 waits (5 ticks) -> 5 / 3 accepted assignments.
  EXPECT_DOUBLE_EQ(s.mean_wait, 5.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.mean_sojourn, (10.0 + 5.0 + 10.0) / 3.0);
  // Little's law holds exactly for the queue when the run drains: area of the line = sum of waits.
  EXPECT_NEAR(s.mean_waiting, s.accepted_rate * s.mean_wait, 1e-12);
  EXPECT_NEAR(s.mean_in_system, s.accepted_rate * s.mean_sojourn, 1e-12);
}

TEST(TokenLatency, PercentilesOverCompletedTokensOnly) {
  // One server, service 10, 4 tokens at tick 0: latencies 10, 20, 30, 40; a fifth is dropped.
  SimulationConfig config = tiny_config(1, 1, 10);
  config.queue_buffer = 3;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 5)}, 1, {{0, 0, 0, 0, 0}});
  const Summary& s = run.summary;
  EXPECT_EQ(s.tokens_completed, 4);
  EXPECT_EQ(s.latency_p50, 20);
  EXPECT_EQ(s.latency_p95, 40);
  EXPECT_EQ(s.latency_p99, 40);
  EXPECT_EQ(s.latency_max, 40);
  EXPECT_DOUBLE_EQ(s.latency_mean, 25.0);
}

TEST(FillRatio, IsAssignmentsOverTokensTimesK) {
  // k = 3 over 4 experts; the router leaves slots empty: 3 + 1 + 0 + 2 = 6 of 12.
  SimulationConfig config = tiny_config(4, 3, 10);
  const ScriptedRun run = run_scripted(config, {batch_at(0, 4)}, 3,
                                       {{0, 1, 2, /**/ 3, kNoExpert, kNoExpert, /**/ kNoExpert, kNoExpert, kNoExpert,
                                         /**/ 1, kNoExpert, 2}});
  const Summary& s = run.summary;
  EXPECT_EQ(s.assignments, 6);
  EXPECT_DOUBLE_EQ(s.fill_ratio, 6.0 / 12.0);
  EXPECT_EQ(s.tokens_unserved, 1);  // the token with no assignment at all
  EXPECT_EQ(s.tokens_completed, 3);
  EXPECT_DOUBLE_EQ(s.drop_rate, 0.0);
  EXPECT_EQ(s.expert_load, (std::vector<std::int64_t>{1, 2, 2, 1}));
}

TEST(StopTick, BatchesAtOrAfterItAreNotAdmitted) {
  SimulationConfig config = tiny_config(1, 1, 3);
  config.stop_tick = 20;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 2, 0), batch_at(10, 2, 2), batch_at(20, 2, 4), batch_at(30, 2, 6)}, 1, {{0, 0}, {0, 0}, {0, 0}, {0, 0}});
  const Summary& s = run.summary;
  EXPECT_EQ(s.batches, 2);
  EXPECT_EQ(s.tokens, 4);
  EXPECT_EQ(s.tokens_completed, 4);  // admitted work still drains
  EXPECT_EQ(s.end_tick, 16);
  EXPECT_EQ(run.requests.size(), 2u);
}

TEST(StopTick, NegativeMeansNoLimit) {
  SimulationConfig config = tiny_config(1, 1, 3);
  const ScriptedRun run = run_scripted(config, {batch_at(0, 1, 0), batch_at(1000000, 1, 1)}, 1, {{0}, {0}});
  EXPECT_EQ(run.summary.batches, 2);
}

TEST(SimulationRun, SinksHearTheFinishOnceAndStepBatchAdvancesOneBatch) {
  SimulationConfig config = tiny_config(1, 1, 5);
  ScriptedWorkload workload({batch_at(0, 1, 0), batch_at(10, 1, 1), batch_at(20, 1, 2)});
  ScriptedRouter router(1, {{0}, {0}, {0}});
  RecordingSink sink;
  Simulation simulation(config, workload, router);
  simulation.add_sink(sink);
  EXPECT_TRUE(simulation.step_batch());
  EXPECT_EQ(simulation.batches_dispatched(), 1);
  EXPECT_TRUE(simulation.step_batch());
  EXPECT_EQ(simulation.batches_dispatched(), 2);
  const Summary s = simulation.run();
  EXPECT_TRUE(simulation.finished());
  EXPECT_EQ(s.batches, 3);
  EXPECT_EQ(sink.finishes, 1);
  EXPECT_EQ(sink.final_summary.fingerprint, s.fingerprint);
  EXPECT_FALSE(simulation.step());
  EXPECT_EQ(sink.finishes, 1);
}

TEST(SimulationRun, FingerprintFollowsTheTrajectory) {
  auto fingerprint = [](Tick service, Tick second_batch) {
    SimulationConfig config = tiny_config(2, 1, service);
    return run_scripted(config, {batch_at(0, 3, 0), batch_at(second_batch, 2, 3)}, 1, {{0, 1, 0}, {1, 1}})
        .summary.fingerprint;
  };
  EXPECT_EQ(fingerprint(10, 50), fingerprint(10, 50));
  EXPECT_NE(fingerprint(10, 50), fingerprint(11, 50));
  EXPECT_NE(fingerprint(10, 50), fingerprint(10, 51));
}

TEST(SimulationRun, RouterWritingAnInvalidExpertIsAContractError) {
  SimulationConfig config = tiny_config(2, 1, 10);
  for (ExpertId bad : {2, -2}) EXPECT_THROW(run_scripted(config, {batch_at(0, 2)}, 1, {{0, bad}}), RouterContractError) << bad;
}

TEST(SimulationRun, BatchesOutOfTickOrderAreAnError) {
  SimulationConfig config = tiny_config(1, 1, 10);
  EXPECT_THROW(run_scripted(config, {batch_at(50, 1, 0), batch_at(20, 1, 1)}, 1, {{0}, {0}}), Error);
}

TEST(SimulationRun, InvalidConfigIsRejectedWithItsField) {
  SimulationConfig config = tiny_config(2, 3, 10);  // k > E
  try {
    run_scripted(config, {}, 1, {});
    FAIL() << "k > E was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.field(), "routing.k");
  }
}

TEST(SimulationRun, EmptyWorkloadFinishesWithZeroes) {
  SimulationConfig config = tiny_config(2, 1, 10);
  const ScriptedRun run = run_scripted(config, {}, 1, {});
  const Summary& s = run.summary;
  EXPECT_EQ(s.tokens, 0);
  EXPECT_DOUBLE_EQ(s.fill_ratio, 0.0);
  EXPECT_DOUBLE_EQ(s.drop_rate, 0.0);
  EXPECT_EQ(s.latency_p99, 0);
}

}  // namespace
}  // namespace routelab
