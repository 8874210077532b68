// The step timeline (cluster.tick_us): the deployment's steps give the run its clock. Oracles: a
// one-GPU deployment whose steps outlast the batch interval is a deterministic queue of batches
// with a closed form; experts on one GPU are computed one after another; a GPU pair's dispatch
// delays the computation by the all-to-all.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "cluster/cluster_observer.hpp"
#include "cluster/step_compute_schedule.hpp"
#include "core/errors.hpp"
#include "tests/support/scripted_run.hpp"

namespace routelab::cluster {
namespace {

using routelab::testing::batch_at;
using routelab::testing::RecordingSink;
using routelab::testing::ScriptedBatch;
using routelab::testing::ScriptedWorkload;
using routelab::testing::tiny_config;

// Token id t goes to expert t mod E.
class ModuloRouter : public Router {
 public:
  void route(const RoutingRequest& request, std::span<ExpertId> out) override {
    for (std::size_t i = 0; i < request.batch.tokens.size(); ++i)
      out[i * static_cast<std::size_t>(request.depth)] = static_cast<ExpertId>(request.batch.tokens[i].id % request.num_experts);
  }
};

class FinishTimes : public TokenObserver {
 public:
  void on_token(const TokenOutcome& outcome) override { finished[outcome.id] = outcome.finished; }
  std::map<std::uint64_t, Tick> finished;
};

ClusterSpec one_gpu(double us_per_token) {
  ClusterSpec spec;
  spec.enabled = true;
  spec.topology = {.nodes = 1, .gpus_per_node = 1, .intra = {}, .inter = {}};
  spec.compute_us_per_token = us_per_token;
  spec.tick_us = 1;
  return spec;
}

std::vector<ScriptedBatch> batches(int count, int size, Tick interval) {
  std::vector<ScriptedBatch> out;
  for (int b = 0; b < count; ++b) out.push_back(batch_at(b * interval, size, static_cast<std::uint64_t>(b * size)));
  return out;
}

// 10 tokens of 2 us a batch on one GPU with one expert: 20-tick steps.
struct OneGpuRun {
  Summary summary;
  std::map<std::uint64_t, Tick> finished;
  double step_us = 0;
};

OneGpuRun run_on_one_gpu(int batch_count, Tick interval) {
  ScriptedWorkload workload(batches(batch_count, 10, interval));
  ModuloRouter router;
  ClusterObserver cluster(one_gpu(2), 1);
  Simulation simulation(tiny_config(1, 1, 7), workload, router);
  simulation.set_step_timeline(cluster);
  FinishTimes finish;
  simulation.add_token_observer(finish);
  OneGpuRun run;
  run.summary = simulation.run();
  run.finished = finish.finished;
  run.step_us = cluster.figures().step_time_mean;
  return run;
}

TEST(StepTimeline, StepsLongerThanTheIntervalQueueBatchesAsTheClosedFormSays) {
  // Batches every 15 ticks: batch n is dispatched at 20n (the previous step's end) and its
  // tokens, which arrived at 15n, finish at 20n + 20.
  const OneGpuRun run = run_on_one_gpu(5, 15);
  const Summary& s = run.summary;
  ASSERT_EQ(run.finished.size(), 50U);
  for (const auto& [id, tick] : run.finished) EXPECT_EQ(tick, 20 * static_cast<Tick>(id / 10) + 20) << id;
  EXPECT_DOUBLE_EQ(s.latency_mean, 30.0);  // mean over n of 5n + 20
  EXPECT_EQ(s.latency_max, 40);
  EXPECT_EQ(s.end_tick, 100);
  // The expert computes token i of a step at 2(i + 1) ticks after dispatch, whatever the service
  // model says (7 ticks): sojourns average 11, waits 9.
  EXPECT_DOUBLE_EQ(s.mean_sojourn, 11.0);
  EXPECT_DOUBLE_EQ(s.mean_wait, 9.0);
  EXPECT_EQ(run.step_us, 20.0);
}

TEST(StepTimeline, StepsShorterThanTheIntervalLeaveArrivalsOnTime) {
  const OneGpuRun run = run_on_one_gpu(4, 50);
  ASSERT_EQ(run.finished.size(), 40U);
  for (const auto& [id, tick] : run.finished) EXPECT_EQ(tick, 50 * static_cast<Tick>(id / 10) + 20) << id;
  EXPECT_DOUBLE_EQ(run.summary.latency_mean, 20.0);
}

TEST(StepTimeline, TheWaitingLineIsWhatTheGpuHasNotComputed) {
  // One GPU, one expert, 10 tokens a step: the line holds 9 at dispatch, above a threshold of 5
  // until the 5th token is computed (10 ticks later): one overload event per step.
  ScriptedWorkload workload(batches(3, 10, 100));
  ModuloRouter router;
  ClusterObserver cluster(one_gpu(2), 1);
  SimulationConfig config = tiny_config(1, 1, 7);
  config.queue_threshold = 5;
  Simulation simulation(config, workload, router);
  simulation.set_step_timeline(cluster);
  RecordingSink sink;
  simulation.add_sink(sink);
  simulation.run();
  ASSERT_EQ(sink.events.size(), 3U);
  for (std::size_t b = 0; b < 3; ++b) {
    EXPECT_EQ(sink.events[b].start, static_cast<Tick>(100 * b));
    EXPECT_EQ(sink.events[b].peak, 9);
  }
}

TEST(StepTimeline, ExpertsOnOneGpuAreComputedOneAfterAnother) {
  // Two experts on one GPU, fixed 5 us a step plus 1 us a token: expert 0's tokens first.
  ClusterSpec spec = one_gpu(1);
  spec.compute_fixed_us = 5;
  StepComputeSchedule schedule(spec, 2);
  const std::vector<ExpertId> placed{1, 0, 1, 0, -1};
  const std::vector<int> gpu{0, 0, 0, 0, -1};
  StepFigures step;
  step.dispatch_us = 3;
  std::vector<double> done;
  schedule.schedule(step, placed, gpu, done);
  EXPECT_EQ(done, (std::vector<double>{3 + 5 + 3, 3 + 5 + 1, 3 + 5 + 4, 3 + 5 + 2, 0}));
  spec.overlap = true;  // compute starts with the dispatch
  StepComputeSchedule overlapped(spec, 2);
  overlapped.schedule(step, placed, gpu, done);
  EXPECT_EQ(done[0], 5 + 3);
}

TEST(StepTimeline, TheDispatchAllToAllDelaysTheCompute) {
  // Two GPUs on a 1 GB/s link with 10 us latency, round robin: token 1 (GPU 1's half of the
  // batch) goes to expert 0 on GPU 0 and token 0 to expert 1 on GPU 1. Each sends 2048 bytes:
  // 2.048 + 10 us of dispatch, then 1 us of compute, then the same combine.
  ClusterSpec spec;
  spec.enabled = true;
  spec.topology = {.nodes = 1, .gpus_per_node = 2, .intra = {1, 10}, .inter = {}};
  spec.hidden_size = 1024;
  spec.placement = PlacementPolicy::round_robin;
  spec.compute_us_per_token = 1;
  spec.tick_us = 0.5;
  std::vector<ScriptedBatch> one{batch_at(0, 2, 1)};  // ids 1, 2: expert 1, then expert 0
  ScriptedWorkload workload(one);
  ModuloRouter router;
  ClusterObserver cluster(spec, 2);
  Simulation simulation(tiny_config(2, 1, 7), workload, router);
  simulation.set_step_timeline(cluster);
  FinishTimes finish;
  simulation.add_token_observer(finish);
  const Summary s = simulation.run();
  const double step_us = cluster.figures().step_time_mean;
  EXPECT_NEAR(step_us, 2 * 12.048 + 1, 1e-9);
  const auto step_ticks = static_cast<Tick>(std::ceil(step_us / 0.5));
  for (const auto& [id, tick] : finish.finished) EXPECT_EQ(tick, step_ticks) << id;
  EXPECT_DOUBLE_EQ(s.mean_sojourn, std::ceil((12.048 + 1) / 0.5));  // dispatch + compute, in half-us ticks
}

TEST(StepTimeline, AStepBeyondTheEnginesLimitIsAnError) {
  ClusterSpec spec = one_gpu(1e9);
  spec.tick_us = 1e-3;
  ScriptedWorkload workload(batches(1, 10, 1));
  ModuloRouter router;
  ClusterObserver cluster(spec, 1);
  Simulation simulation(tiny_config(1, 1, 1), workload, router);
  simulation.set_step_timeline(cluster);
  EXPECT_THROW(simulation.run(), Error);
}

}  // namespace
}  // namespace routelab::cluster
