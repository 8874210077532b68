// Every key of the [cluster] section lands in the typed spec; no section leaves the cluster off.
#include <gtest/gtest.h>

#include <cmath>

#include "scenarios/scenario_loader.hpp"

namespace routelab {
namespace {

TEST(ClusterSection, EveryKeyReachesTheSpec) {
  const ScenarioSpec spec = parse_scenario(R"(
[experts]
count = 24
[length]
tokens = 100
[cluster]
nodes = 2
gpus_per_node = 4
hidden_size = 7168
bytes_per_element = 1
gpu_speed = [1, 1, 1, 0.5, 1, 1, 1, 2]
placement = "eplb"
redundant_experts = 8
expert_groups = 4
rebalance_interval = 7
load_decay = 0.25
expert_bytes = 44040192
replica_choice = "round_robin"
overlap = true
[cluster.intra_node]
bandwidth_gbps = inf
latency_us = 2.5
[cluster.inter_node]
bandwidth_gbps = 25
latency_us = 11
[cluster.compute]
fixed_us = 12
us_per_token = 0.125
)", "keys.toml");
  const auto& c = spec.cluster;
  EXPECT_TRUE(c.enabled);
  EXPECT_EQ(c.topology.nodes, 2);
  EXPECT_EQ(c.topology.gpus_per_node, 4);
  EXPECT_EQ(c.gpus(), 8);
  EXPECT_EQ(c.hidden_size, 7168);
  EXPECT_EQ(c.bytes_per_element, 1);
  EXPECT_EQ(c.gpu_speed, (std::vector<double>{1, 1, 1, 0.5, 1, 1, 1, 2}));
  EXPECT_EQ(c.placement, cluster::PlacementPolicy::eplb);
  EXPECT_EQ(c.redundant_experts, 8);
  EXPECT_EQ(c.expert_groups, 4);
  EXPECT_EQ(c.rebalance_interval, 7);
  EXPECT_EQ(c.load_decay, 0.25);
  EXPECT_EQ(c.expert_bytes, 44040192);
  EXPECT_EQ(c.replica_choice, cluster::ReplicaChoice::round_robin);
  EXPECT_TRUE(c.overlap);
  EXPECT_TRUE(std::isinf(c.topology.intra.bandwidth_gbps));
  EXPECT_EQ(c.topology.intra.latency_us, 2.5);
  EXPECT_EQ(c.topology.inter.bandwidth_gbps, 25);
  EXPECT_EQ(c.topology.inter.latency_us, 11);
  EXPECT_EQ(c.compute_fixed_us, 12);
  EXPECT_EQ(c.compute_us_per_token, 0.125);
}

TEST(ClusterSection, NoSectionNoCluster) {
  const ScenarioSpec spec = parse_scenario("[length]\ntokens = 100\n", "none.toml");
  EXPECT_FALSE(spec.cluster.enabled);
}

TEST(ClusterSection, ErrorsCarryFileLineAndKey) {
  try {
    parse_scenario("[length]\ntokens = 100\n[cluster]\ngpus_per_node = 4\ngpu_speed = [1, 1]\n", "speeds.toml");
    FAIL() << "accepted two speeds for four GPUs";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(error.line(), 5);
    EXPECT_EQ(error.field(), "cluster.gpu_speed");
    EXPECT_EQ(error.source(), "speeds.toml");
  }
}

}  // namespace
}  // namespace routelab
