// The topology graph: paths and bottlenecks against a hand-computed small graph, uniform
// all-to-all on a symmetric cluster against its closed form, and one slow link found as the
// bottleneck it is.
#include <gtest/gtest.h>

#include <cmath>

#include "cluster/all_to_all.hpp"
#include "cluster/topology.hpp"
#include "core/errors.hpp"

namespace routelab::cluster {
namespace {

// Hand-drawn graph: GPUs 0, 1, 2 at vertices 0, 1, 2; switches at 3 and 4.
//   0 --(100 GB/s, 1 us)-- 3 --(50, 1)-- 1
//   3 --(10, 5)-- 4 --(200, 1)-- 2
//   0 --(1, 20)-- 2            (a direct but slow, high-latency link)
TopologyGraphSpec hand_graph() {
  TopologyGraphSpec spec;
  spec.vertices = 5;
  spec.gpu_vertex = {0, 1, 2};
  spec.node_of_gpu = {0, 0, 1};
  spec.links = {{0, 3, {100, 1}, "a"}, {3, 1, {50, 1}, "b"}, {3, 4, {10, 5}, "c"}, {4, 2, {200, 1}, "d"},
                {0, 2, {1, 20}, "e"}};
  return spec;
}

std::vector<std::string> link_names(const Topology& topology, const GpuPath& path) {
  std::vector<std::string> names;
  for (const int link : path.links) names.push_back(topology.links()[link].name);
  return names;
}

TEST(Topology, PathsAndBottlenecksMatchTheHandComputedGraph) {
  const Topology topology(hand_graph());
  // 0 -> 1: a, b. Latency 2, bottleneck 50.
  EXPECT_EQ(link_names(topology, topology.path(0, 1)), (std::vector<std::string>{"a (->)", "b (->)"}));
  EXPECT_DOUBLE_EQ(topology.path(0, 1).latency_us, 2);
  EXPECT_DOUBLE_EQ(topology.path(0, 1).bottleneck_gbps, 50);
  EXPECT_FALSE(topology.path(0, 1).crosses_nodes);
  // 0 -> 2: a, c, d (latency 7) beats the direct e (latency 20); bottleneck c = 10.
  EXPECT_EQ(link_names(topology, topology.path(0, 2)), (std::vector<std::string>{"a (->)", "c (->)", "d (->)"}));
  EXPECT_DOUBLE_EQ(topology.path(0, 2).latency_us, 7);
  EXPECT_DOUBLE_EQ(topology.path(0, 2).bottleneck_gbps, 10);
  EXPECT_TRUE(topology.path(0, 2).crosses_nodes);
  // 2 -> 1: d and c against their drawn direction, then b (drawn 3 -> 1) along it; bottleneck 10.
  EXPECT_EQ(link_names(topology, topology.path(2, 1)), (std::vector<std::string>{"d (<-)", "c (<-)", "b (->)"}));
  EXPECT_DOUBLE_EQ(topology.path(2, 1).bottleneck_gbps, 10);
  EXPECT_TRUE(topology.path(1, 1).links.empty());
}

TEST(Topology, RaisingTheDetourLatencyMovesThePathToTheDirectLink) {
  TopologyGraphSpec spec = hand_graph();
  spec.links[2].spec.latency_us = 30;  // c: the detour now costs 1 + 30 + 1 = 32 > 20
  const Topology topology(spec);
  EXPECT_EQ(link_names(topology, topology.path(0, 2)), (std::vector<std::string>{"e (->)"}));
  EXPECT_DOUBLE_EQ(topology.path(0, 2).bottleneck_gbps, 1);
}

TEST(Topology, UnreachableGpusAndBadLinksAreConfigErrors) {
  TopologyGraphSpec spec = hand_graph();
  spec.links = {spec.links[0], spec.links[1]};  // GPU 2 cut off
  EXPECT_THROW(Topology{spec}, ConfigError);
  spec = hand_graph();
  spec.links[0].spec.bandwidth_gbps = 0;
  EXPECT_THROW(Topology{spec}, ConfigError);
  spec = hand_graph();
  spec.links[0].b = 9;
  EXPECT_THROW(Topology{spec}, ConfigError);
}

TEST(Topology, TwoLevelClusterHasNvswitchAndFabricPaths) {
  const Topology topology(two_level_topology({.nodes = 2, .gpus_per_node = 4, .intra = {400, 2}, .inter = {50, 10}}));
  EXPECT_EQ(topology.gpus(), 8);
  EXPECT_EQ(topology.nodes(), 2);
  EXPECT_EQ(topology.path(0, 3).links.size(), 2U);
  EXPECT_DOUBLE_EQ(topology.path(0, 3).latency_us, 2);
  EXPECT_DOUBLE_EQ(topology.path(0, 3).bottleneck_gbps, 400);
  EXPECT_DOUBLE_EQ(topology.path(1, 6).latency_us, 10);
  EXPECT_DOUBLE_EQ(topology.path(1, 6).bottleneck_gbps, 50);
  EXPECT_TRUE(topology.path(1, 6).crosses_nodes);
}

// Every GPU sends b bytes to every other GPU.
std::vector<double> uniform_exchange(int gpus, double b) {
  std::vector<double> bytes(static_cast<std::size_t>(gpus) * gpus, b);
  for (int g = 0; g < gpus; ++g) bytes[g * gpus + g] = 0;
  return bytes;
}

TEST(AllToAll, UniformExchangeOnASymmetricClusterEqualsTheClosedForm) {
  for (const auto& [nodes, per_node] : {std::pair{1, 8}, std::pair{2, 4}, std::pair{4, 8}, std::pair{3, 2}}) {
    const double intra_gbps = 450;
    const double inter_gbps = 50;
    const Topology topology(two_level_topology({.nodes = nodes, .gpus_per_node = per_node, .intra = {intra_gbps, 3},
                                                .inter = {inter_gbps, 12}}));
    const int gpus = nodes * per_node;
    const double b = 1.5e6;
    const AllToAllResult result = all_to_all(topology, uniform_exchange(gpus, b));
    // A GPU's NVSwitch uplink carries its (per_node - 1) intra-node sends; its NIC its (gpus - per_node).
    const double intra_us = (per_node - 1) * b / (intra_gbps * 1e3);
    const double inter_us = (gpus - per_node) * b / (inter_gbps * 1e3);
    const double latency = nodes > 1 ? 12 : 3;
    EXPECT_NEAR(result.time_us, std::max(intra_us, inter_us) + latency, 1e-9 * result.time_us) << nodes << "x" << per_node;
    EXPECT_DOUBLE_EQ(result.bytes, gpus * (gpus - 1) * b);
    EXPECT_DOUBLE_EQ(result.cross_node_bytes, gpus * (gpus - per_node) * b);
  }
}

TEST(AllToAll, OneSlowLinkIsTheBottleneck) {
  TopologyGraphSpec spec = two_level_topology({.nodes = 1, .gpus_per_node = 8, .intra = {450, 3}, .inter = {}});
  spec.links[5].spec.bandwidth_gbps = 45;  // GPU 5's NVLink runs at a tenth of the others
  const Topology topology(spec);
  const double b = 1e6;
  const AllToAllResult result = all_to_all(topology, uniform_exchange(8, b));
  ASSERT_GE(result.bottleneck_link, 0);
  EXPECT_EQ(topology.links()[result.bottleneck_link].name.rfind("gpu5-nvswitch0", 0), 0U);
  EXPECT_NEAR(result.transfer_us, 7 * b / (45 * 1e3), 1e-9);
  // Every path through GPU 5 reports the slow link as its bottleneck, the others do not.
  EXPECT_DOUBLE_EQ(topology.path(5, 2).bottleneck_gbps, 45);
  EXPECT_DOUBLE_EQ(topology.path(2, 5).bottleneck_gbps, 45);
  EXPECT_DOUBLE_EQ(topology.path(2, 3).bottleneck_gbps, 450);
}

TEST(AllToAll, FreeLinksCostNothing) {
  const Topology topology(two_level_topology({.nodes = 2, .gpus_per_node = 2}));
  const AllToAllResult result = all_to_all(topology, uniform_exchange(4, 1e9));
  EXPECT_EQ(result.time_us, 0);
}

}  // namespace
}  // namespace routelab::cluster
