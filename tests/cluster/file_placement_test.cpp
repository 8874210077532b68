// placement = "file" in the step model: the listed GPUs become the expert's replicas in the
// order given, and replicating a hot expert over the GPUs evens out their compute.
#include <gtest/gtest.h>

#include "cluster/expert_placement.hpp"
#include "cluster/step_model.hpp"

namespace routelab::cluster {
namespace {

ClusterSpec four_gpus(std::vector<std::vector<int>> placement_gpus, ReplicaChoice choice) {
  ClusterSpec spec;
  spec.enabled = true;
  spec.topology = {.nodes = 1, .gpus_per_node = 4, .intra = {100, 1}, .inter = {}};
  spec.compute_us_per_token = 1;
  spec.replica_choice = choice;
  if (!placement_gpus.empty()) {
    spec.placement = PlacementPolicy::file;
    spec.placement_gpus = std::move(placement_gpus);
  }
  return spec;
}

TEST(FilePlacement, TheListedGpusAreTheReplicasInOrder) {
  const ClusterSpec spec = four_gpus({{3}, {0, 2}, {1}, {2, 0, 1}}, ReplicaChoice::nearest);
  const ExpertPlacement placement = make_placement(spec, 4, {});
  EXPECT_EQ(placement.slot_expert, (std::vector<int>{0, 1, 1, 2, 3, 3, 3}));
  EXPECT_EQ(placement.slot_gpu, (std::vector<int>{3, 0, 2, 1, 2, 0, 1}));
  EXPECT_EQ(placement.replicas[3], (std::vector<int>{4, 5, 6}));
}

// 100 tokens, one copy each: the first 70 to expert 0, then 10 to each of experts 1, 2, 3.
std::vector<ExpertId> hot_expert_batch() {
  std::vector<ExpertId> placed(70, 0);
  for (ExpertId e = 1; e < 4; ++e) placed.insert(placed.end(), 10, e);
  return placed;
}

double straggler(const ClusterSpec& spec) {
  StepModel model(spec, 4);
  const std::vector<ExpertId> placed = hot_expert_batch();
  const StepFigures step = model.step(placed.size(), placed, 1);
  return step.compute_us / step.mean_compute_us;
}

TEST(FilePlacement, ReplicatingTheHotExpertLowersTheStragglerRatio) {
  // Contiguous: expert e on GPU e, loads 70, 10, 10, 10: 70 / 25.
  EXPECT_DOUBLE_EQ(straggler(four_gpus({}, ReplicaChoice::least_loaded)), 70.0 / 25);
  // The same placement from a file gives the same step.
  EXPECT_DOUBLE_EQ(straggler(four_gpus({{0}, {1}, {2}, {3}}, ReplicaChoice::least_loaded)), 70.0 / 25);
  // Expert 0 on every GPU, least loaded: its 70 copies spread 18, 18, 17, 17 (ties to the first
  // replica), then experts 1-3 add 10 each: 18, 28, 27, 27, so 28 / 25.
  EXPECT_DOUBLE_EQ(straggler(four_gpus({{0, 1, 2, 3}, {1}, {2}, {3}}, ReplicaChoice::least_loaded)), 28.0 / 25);
  // Round robin over the replicas spreads them the same way.
  EXPECT_DOUBLE_EQ(straggler(four_gpus({{0, 1, 2, 3}, {1}, {2}, {3}}, ReplicaChoice::round_robin)), 28.0 / 25);
}

}  // namespace
}  // namespace routelab::cluster
