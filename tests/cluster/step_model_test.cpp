// The step model: a uniform exchange's step against the closed form, replica choice, straggler
// and overlap, EPLB re-planning on observed loads.
#include <gtest/gtest.h>

#include <numeric>

#include "cluster/cluster_observer.hpp"
#include "cluster/step_model.hpp"
#include "core/errors.hpp"

namespace routelab::cluster {
namespace {

ClusterSpec node_of(int gpus, double gbps, double latency_us) {
  ClusterSpec spec;
  spec.enabled = true;
  spec.topology = {.nodes = 1, .gpus_per_node = gpus, .intra = {gbps, latency_us}, .inter = {}};
  spec.hidden_size = 1024;
  spec.bytes_per_element = 2;
  spec.placement = PlacementPolicy::round_robin;
  return spec;
}

ClusterSpec eplb_node(int gpus, int redundant, int rebalance_interval) {
  ClusterSpec spec = node_of(gpus, 100, 1);
  spec.placement = PlacementPolicy::eplb;
  spec.redundant_experts = redundant;
  spec.rebalance_interval = rebalance_interval;
  return spec;
}

TEST(StepModel, UniformExchangeMatchesTheClosedForm) {
  // 8 GPUs, 8 experts round robin; token i (on GPU i*8/B) goes to expert i mod 8: every GPU sends
  // B/64 tokens to every GPU.
  ClusterSpec spec = node_of(8, 100, 2);
  spec.compute_fixed_us = 5;
  spec.compute_us_per_token = 0.5;
  StepModel model(spec, 8);
  const std::size_t tokens = 64 * 10;
  std::vector<ExpertId> placed(tokens);
  for (std::size_t i = 0; i < tokens; ++i) placed[i] = static_cast<ExpertId>(i % 8);
  const StepFigures step = model.step(tokens, placed, 1);
  const double token_bytes = 1024 * 2;
  const double per_pair = 10 * token_bytes;
  const double transfer = 7 * per_pair / (100 * 1e3);  // a GPU's uplink carries its 7 remote sends
  EXPECT_NEAR(step.dispatch_us, transfer + 2, 1e-9);
  EXPECT_NEAR(step.combine_us, transfer + 2, 1e-9);
  EXPECT_NEAR(step.compute_us, 5 + 0.5 * 80, 1e-9);  // 80 tokens per GPU
  EXPECT_NEAR(step.step_us, 2 * (transfer + 2) + 45, 1e-9);
  EXPECT_DOUBLE_EQ(step.compute_us, step.mean_compute_us);  // even load: no straggler
  spec.overlap = true;
  StepModel overlapped(spec, 8);
  EXPECT_NEAR(overlapped.step(tokens, placed, 1).step_us, std::max(2 * (transfer + 2), 45.0), 1e-9);
}

TEST(StepModel, AHotExpertMakesAStraggler) {
  ClusterSpec spec = node_of(4, 100, 0);
  spec.compute_us_per_token = 1;
  ClusterObserver observer(spec, 4);
  std::vector<Token> tokens(100);
  std::vector<ExpertId> placed(100, 0);  // everything to expert 0 on GPU 0
  TokenBatch batch;
  batch.tokens = tokens;
  observer.on_batch_placed(batch, placed, 1);
  const ClusterFigures f = observer.figures();
  EXPECT_DOUBLE_EQ(f.straggler_ratio, 4.0);  // 100 vs a mean of 25
  EXPECT_NEAR(f.step_time_mean, 100 + 2 * 75 * 2048 / 1e5, 1e-9);  // GPUs 1-3 each send 25 tokens in
}

TEST(StepModel, NearestReplicaStaysOnTheTokensGpu) {
  // EPLB with 4 experts, 4 redundant slots on 4 GPUs: equal loads replicate experts 0..3 once
  // each (and, all weights tying, EPLB's packing puts both copies of an expert on one GPU).
  // A replica on the token's own GPU means no bytes for it.
  StepModel model(eplb_node(4, 4, 0), 4);
  const ExpertPlacement& p = model.placement();
  ASSERT_EQ(p.slot_expert.size(), 8U);
  for (int e = 0; e < 4; ++e) ASSERT_EQ(p.replicas[e].size(), 2U) << e;
  // One token per GPU, each to an expert with a replica on that GPU.
  std::vector<ExpertId> placed(4);
  for (int g = 0; g < 4; ++g) placed[g] = p.slot_expert[g * 2];
  const StepFigures step = model.step(4, placed, 1);
  EXPECT_EQ(step.bytes, 0);
  EXPECT_EQ(step.gpu_tokens, (std::vector<std::int64_t>{1, 1, 1, 1}));
}

TEST(StepModel, LeastLoadedSpreadsAHotExpertOverItsReplicas) {
  ClusterSpec spec = eplb_node(2, 2, 1);
  spec.replica_choice = ReplicaChoice::least_loaded;
  StepModel model(spec, 2);
  std::vector<ExpertId> placed(100, 0);
  model.step(100, placed, 1);  // observes the hot expert; the plan after it gives expert 0 three slots
  const auto& replicas = model.placement().replicas[0];
  ASSERT_EQ(replicas.size(), 3U);
  const StepFigures step = model.step(100, placed, 1);
  EXPECT_EQ(step.gpu_tokens, (std::vector<std::int64_t>{50, 50}));
}

TEST(StepModel, EplbReplansOnObservedLoads) {
  ClusterSpec spec = eplb_node(4, 4, 3);
  spec.load_decay = 0.5;
  StepModel model(spec, 4);
  std::vector<ExpertId> placed(400, 3);  // expert 3 is the only hot one
  for (int b = 0; b < 3; ++b) model.step(400, placed, 1);
  EXPECT_EQ(model.rebalances(), 1);
  EXPECT_EQ(model.placement().replicas[3].size(), 5U);  // all 4 extra slots to the hot expert
}

TEST(StepModel, BadSpecsAreConfigErrors) {
  ClusterSpec spec = node_of(4, 100, 1);
  spec.redundant_experts = 4;  // round robin does not replicate
  EXPECT_THROW(StepModel(spec, 8), ConfigError);
  spec.placement = PlacementPolicy::eplb;
  spec.redundant_experts = 3;  // 11 slots on 4 GPUs
  EXPECT_THROW(StepModel(spec, 8), ConfigError);
  spec.redundant_experts = 0;
  spec.gpu_speed = {1, 1};
  EXPECT_THROW(StepModel(spec, 8), ConfigError);
}


TEST(StepModel, AReplanChargesTheWeightsItMoves) {
  // 2 experts, 2 redundant slots on 2 GPUs. Equal loads: GPU 0 holds expert 0 twice, GPU 1
  // expert 1 twice. After a batch all on expert 0 the plan is GPU 0 {0, 0}, GPU 1 {0, 1}: one copy
  // of expert 0's weights from GPU 0 to GPU 1, nothing else.
  ClusterSpec spec = eplb_node(2, 2, 1);
  spec.expert_bytes = 1e6;
  StepModel model(spec, 2);
  std::vector<ExpertId> placed(100, 0);
  const StepFigures step = model.step(100, placed, 1);
  EXPECT_EQ(model.placement().slot_expert, (std::vector<int>{0, 0, 0, 1}));
  EXPECT_NEAR(step.rebalance_us, 1e6 / (100 * 1e3) + 1, 1e-9);
  EXPECT_NEAR(step.step_us, step.dispatch_us + step.compute_us + step.combine_us + step.rebalance_us, 1e-9);
  // The same plan again moves nothing.
  EXPECT_EQ(model.step(100, placed, 1).rebalance_us, 0);
}

}  // namespace
}  // namespace routelab::cluster
