// Runs on a described topology. Oracle: examples/cluster/two-nodes.toml's two-level topology
// written out as a graph file (tests/data/cluster/two-level-2x4-graph.toml) gives the two-level
// run's step figures, link loads and fingerprint, watching and on the step timeline. Hand-computed:
// the shipped rail-optimized graph's paths, bottlenecks and one exchange's cross-node bytes.
#include <gtest/gtest.h>

#include "cluster/step_model.hpp"
#include "scenarios/scenario_loader.hpp"
#include "tests/scenarios/cluster_runs.hpp"
#include "tests/support/scratch_dir.hpp"

namespace routelab {
namespace {

// two-nodes.toml with its nodes, gpus_per_node and link tables replaced by `graph_file`.
std::string two_nodes_on_graph(const std::string& graph_file) {
  std::string text = testing::read_text(ROUTELAB_SOURCE_DIR "/examples/cluster/two-nodes.toml");
  for (const char* line : {"nodes = 2\n", "gpus_per_node = 4\n"}) text.erase(text.find(line), std::string(line).size());
  for (const char* table : {"[cluster.intra_node]\nbandwidth_gbps = 450\nlatency_us = 3\n",
                            "[cluster.inter_node]\nbandwidth_gbps = 50\nlatency_us = 10\n"}) {
    const auto at = text.find(table);
    EXPECT_NE(at, std::string::npos) << table;
    text.erase(at, std::string(table).size());
  }
  text.replace(text.find("[cluster]\n"), 10, "[cluster]\ngraph_file = \"" + graph_file + "\"\n");
  return text;
}

TEST(ClusterGraphRun, TheTwoLevelTopologyWrittenAsAGraphGivesTheSameRun) {
  ScenarioSpec two_level = load_scenario_file(ROUTELAB_SOURCE_DIR "/examples/cluster/two-nodes.toml");
  ScenarioSpec graph = parse_scenario(two_nodes_on_graph(ROUTELAB_SOURCE_DIR "/tests/data/cluster/two-level-2x4-graph.toml"),
                                      "two-nodes-on-graph.toml");
  ASSERT_TRUE(graph.cluster.graph);
  ASSERT_FALSE(two_level.cluster.graph);
  for (const double tick_us : {0.0, 1.0}) {  // watching, and the steps as the run's clock
    two_level.cluster.tick_us = graph.cluster.tick_us = tick_us;
    for (const char* router : {"hash", "greedy"}) {
      const testing::ClusterRun a = testing::run_cluster(two_level, router);
      const testing::ClusterRun b = testing::run_cluster(graph, router);
      ASSERT_TRUE(a.result.summary.cluster);
      EXPECT_GT(a.result.summary.cluster->cross_node_bytes_per_token, 0) << router;  // the network matters here
      testing::expect_same_cluster_run(a, b, std::string(router) + " tick_us " + std::to_string(tick_us));
    }
  }
}

TEST(ClusterGraphRun, TheRailGraphsPathsAreTheHandComputedOnes) {
  const ScenarioSpec spec = load_scenario_file(ROUTELAB_SOURCE_DIR "/examples/cluster/rail-optimized.toml");
  ASSERT_TRUE(spec.cluster.graph);
  const cluster::Topology topology(spec.cluster.topology_graph());
  ASSERT_EQ(topology.gpus(), 8);
  EXPECT_EQ(topology.nodes(), 2);
  const auto names = [&](int from, int to) {
    std::vector<std::string> out;
    for (const int link : topology.path(from, to).links) out.push_back(topology.links()[link].name);
    return out;
  };
  // Inside a node: over the NVSwitch, 2 x 1.5 us at 450 GB/s.
  EXPECT_EQ(names(1, 2), (std::vector<std::string>{"n0g1-nvswitch0 (->)", "n0g2-nvswitch0 (<-)"}));
  EXPECT_DOUBLE_EQ(topology.path(1, 2).latency_us, 3);
  EXPECT_DOUBLE_EQ(topology.path(1, 2).bottleneck_gbps, 450);
  EXPECT_FALSE(topology.path(1, 2).crosses_nodes);
  // Same rail, across nodes: one rail switch, 2 x 5 us at 50 GB/s.
  EXPECT_EQ(names(1, 5), (std::vector<std::string>{"n0g1-rail1 (->)", "n1g1-rail1 (<-)"}));
  EXPECT_DOUBLE_EQ(topology.path(1, 5).latency_us, 10);
  EXPECT_DOUBLE_EQ(topology.path(1, 5).bottleneck_gbps, 50);
  EXPECT_TRUE(topology.path(1, 5).crosses_nodes);
  // Another rail, across nodes: the rails are not joined, so one NVSwitch hop and one rail (in
  // either order): 4 links, 2 x 1.5 + 2 x 5 us, the rail's 50 GB/s the bottleneck.
  EXPECT_EQ(topology.path(0, 6).links.size(), 4U);
  EXPECT_DOUBLE_EQ(topology.path(0, 6).latency_us, 13);
  EXPECT_DOUBLE_EQ(topology.path(0, 6).bottleneck_gbps, 50);
  EXPECT_TRUE(topology.path(0, 6).crosses_nodes);
}

TEST(ClusterGraphRun, OnTheRailGraphAnExchangeAcrossTheRailsCostsWhatTheRailsCarry) {
  ScenarioSpec spec = load_scenario_file(ROUTELAB_SOURCE_DIR "/examples/cluster/rail-optimized.toml");
  cluster::ClusterSpec c = spec.cluster;
  c.placement = cluster::PlacementPolicy::round_robin;  // expert e on GPU e
  c.redundant_experts = 0;
  c.rebalance_interval = 0;
  c.compute_fixed_us = 0;
  c.compute_us_per_token = 0;
  cluster::StepModel model(c, 8);
  // 8 tokens, token i on GPU i, sent to expert (i + 4) mod 8: GPU i + 4 mod 8, the same rail on
  // the other node. Every copy crosses nodes; each rail link carries one copy each way.
  const std::vector<ExpertId> placed = {4, 5, 6, 7, 0, 1, 2, 3};
  const cluster::StepFigures step = model.step(8, placed, 1);
  const double copy = 4096.0 * 2;
  EXPECT_DOUBLE_EQ(step.cross_node_bytes, 2 * 8 * copy);  // dispatch and combine
  EXPECT_DOUBLE_EQ(step.bytes, 2 * 8 * copy);
  EXPECT_NEAR(step.dispatch_us, copy / (50 * 1e3) + 10, 1e-12);
  EXPECT_NEAR(step.combine_us, copy / (50 * 1e3) + 10, 1e-12);
  const auto& links = model.topology().links();
  for (std::size_t l = 0; l < links.size(); ++l) {
    const bool rail = links[l].name.find("rail") != std::string::npos;
    EXPECT_NEAR(step.link_busy_us[l], rail ? 2 * copy / (50 * 1e3) : 0.0, 1e-12) << links[l].name;
  }
}

}  // namespace
}  // namespace routelab
