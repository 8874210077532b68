// A described topology in [cluster]: inline [cluster.graph] or cluster.graph_file (relative to
// the scenario file) reaches the spec as GPUs, switches and links; every malformed graph is an
// error naming the file, the entry's key and what was wrong.
#include <gtest/gtest.h>

#include <fstream>

#include "cluster/topology.hpp"
#include "scenarios/scenario_loader.hpp"
#include "tests/support/scratch_dir.hpp"

namespace routelab {
namespace {

const char* const kHead = "[experts]\ncount = 8\n[length]\ntokens = 100\n[cluster]\n";

// Two GPUs on two nodes through one switch; `extra` is appended to the graph.
std::string two_gpu_graph(const std::string& extra = "") {
  return R"([[gpu]]
name = "a"
node = 0
[[gpu]]
name = "b"
node = 1
[[switch]]
name = "sw"
[[link]]
a = "a"
b = "sw"
bandwidth_gbps = 100
latency_us = 2
[[link]]
a = "b"
b = "sw"
bandwidth_gbps = 25
name = "b-uplink"
)" + extra;
}

// The graph, with every table under [cluster.graph] ("[[gpu]]" -> "[[cluster.graph.gpu]]").
std::string inline_graph(std::string graph) {
  for (const char* kind : {"gpu", "switch", "link"}) {
    const std::string from = std::string("[[") + kind + "]]";
    const std::string to = std::string("[[cluster.graph.") + kind + "]]";
    for (auto at = graph.find(from); at != std::string::npos; at = graph.find(from, at + to.size())) graph.replace(at, from.size(), to);
  }
  return graph;
}

// Parses a scenario whose graph is in the file `graph.toml` next to it.
ScenarioSpec with_graph_file(const testing::ScratchDir& dir, const std::string& graph, const std::string& cluster_keys = "") {
  std::ofstream(dir / "graph.toml") << graph;
  const auto scenario = dir / "scenario.toml";
  std::ofstream(scenario) << kHead << "graph_file = \"graph.toml\"\n" << cluster_keys;
  return load_scenario_file(scenario);
}

// The message of the ScenarioError that parsing throws (empty, and a failure, if none).
std::string graph_file_error(const std::string& graph, const std::string& cluster_keys = "") {
  testing::ScratchDir dir;
  try {
    with_graph_file(dir, graph, cluster_keys);
  } catch (const ScenarioError& error) {
    std::string message = error.what();
    const std::string prefix = dir.path().string() + "/";
    if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
    return message;
  }
  ADD_FAILURE() << "accepted:\n" << graph;
  return {};
}

TEST(ClusterGraph, AFileGraphReachesTheSpec) {
  testing::ScratchDir dir;
  const ScenarioSpec spec = with_graph_file(dir, two_gpu_graph(), "gpu_speed = [1, 0.5]\n");
  const cluster::ClusterSpec& c = spec.cluster;
  ASSERT_TRUE(c.graph);
  EXPECT_EQ(c.graph_source, (dir / "graph.toml").string());
  EXPECT_EQ(c.graph_field, "cluster.graph_file");
  EXPECT_EQ(c.gpus(), 2);
  EXPECT_EQ(c.nodes(), 2);
  EXPECT_EQ(c.graph->vertices, 3);
  EXPECT_EQ(c.graph->gpu_vertex, (std::vector<int>{0, 1}));
  EXPECT_EQ(c.graph->node_of_gpu, (std::vector<int>{0, 1}));
  ASSERT_EQ(c.graph->links.size(), 2U);
  EXPECT_EQ(c.graph->links[0].name, "a-sw");  // the default name
  EXPECT_EQ(c.graph->links[1].name, "b-uplink");
  EXPECT_EQ(c.graph->links[1].a, 1);
  EXPECT_EQ(c.graph->links[1].b, 2);
  EXPECT_EQ(c.graph->links[1].spec.bandwidth_gbps, 25);
  EXPECT_EQ(c.graph->links[1].spec.latency_us, 0);  // absent: no latency
  const cluster::Topology topology(c.topology_graph());
  EXPECT_DOUBLE_EQ(topology.path(0, 1).latency_us, 2);
  EXPECT_DOUBLE_EQ(topology.path(0, 1).bottleneck_gbps, 25);
  EXPECT_TRUE(topology.path(0, 1).crosses_nodes);
}

TEST(ClusterGraph, AnInlineGraphEqualsTheSameFile) {
  const ScenarioSpec spec = parse_scenario(std::string(kHead) + inline_graph(two_gpu_graph()), "inline.toml");
  testing::ScratchDir dir;
  const ScenarioSpec from_file = with_graph_file(dir, two_gpu_graph());
  ASSERT_TRUE(spec.cluster.graph);
  EXPECT_EQ(spec.cluster.graph_source, "[cluster.graph]");
  EXPECT_EQ(spec.cluster.graph_field, "cluster.graph");
  EXPECT_EQ(spec.cluster.graph->vertices, from_file.cluster.graph->vertices);
  EXPECT_EQ(spec.cluster.graph->node_of_gpu, from_file.cluster.graph->node_of_gpu);
  ASSERT_EQ(spec.cluster.graph->links.size(), from_file.cluster.graph->links.size());
  for (std::size_t l = 0; l < spec.cluster.graph->links.size(); ++l) {
    EXPECT_EQ(spec.cluster.graph->links[l].name, from_file.cluster.graph->links[l].name);
    EXPECT_EQ(spec.cluster.graph->links[l].spec.bandwidth_gbps, from_file.cluster.graph->links[l].spec.bandwidth_gbps);
  }
}

TEST(ClusterGraph, WithoutAGraphTheTwoLevelKeysStayInCharge) {
  const ScenarioSpec spec = parse_scenario(std::string(kHead) + "nodes = 2\ngpus_per_node = 4\n", "two-level.toml");
  EXPECT_FALSE(spec.cluster.graph);
  EXPECT_EQ(spec.cluster.gpus(), 8);
  EXPECT_EQ(spec.cluster.nodes(), 2);
  EXPECT_EQ(spec.cluster.topology_graph().links.size(), 16U);
}

TEST(ClusterGraph, ErrorsNameTheFileTheEntryAndTheProblem) {
  const std::string link_to = "[[link]]\na = \"a\"\nb = ";
  const struct {
    std::string graph;
    std::string expected;  // the message after the scratch directory
  } cases[] = {
      {two_gpu_graph(link_to + "\"sw9\"\n"), "graph.toml:21:5: link[2].b: no GPU or switch named 'sw9'"},
      {two_gpu_graph("[[switch]]\nname = \"a\"\n"), "graph.toml:20:8: switch[1].name: duplicate name 'a' (also gpu[0])"},
      {two_gpu_graph(link_to + "\"a\"\n"), "graph.toml:21:5: link[2].b: joins 'a' to itself"},
      {two_gpu_graph(link_to + "\"sw\"\nbandwidth_gbps = 0\n"),
       "graph.toml:22:18: link[2].bandwidth_gbps: expected a bandwidth > 0 (GB/s per direction; inf for a free link)"},
      {two_gpu_graph(link_to + "\"sw\"\nlatency_us = -1\n"),
       "graph.toml:22:14: link[2].latency_us: expected a finite latency >= 0 (µs)"},
      {"[[switch]]\nname = \"sw\"\n", "graph.toml:1:1: gpu: expected at least one GPU ([[gpu]] with name and node)"},
      {two_gpu_graph("[[gpu]]\nname = \"c\"\nnode = 0\n"),
       "graph.toml:19:1: gpu[2].name: GPU 'c' cannot reach GPU 'a' (gpu[0]) over the links (every GPU pair needs a path)"},
      {two_gpu_graph("[[gpu]]\nname = \"c\"\nnode = 3\n[[link]]\na = \"c\"\nb = \"sw\"\n"),
       "graph.toml:21:8: gpu[2].node: node ids must run from 0 without gaps; no GPU is on node 2"},
      {two_gpu_graph(link_to + "\"sw\"\nspeed = 3\n"), "graph.toml:22:1: link[2].speed: unknown key (valid here: a, b, bandwidth_gbps, latency_us, name)"},
      {"[[gpu]]\nname = \"a\"\n", "graph.toml:1:1: gpu[0].node: expected the GPU's node (an integer >= 0)"},
  };
  for (const auto& c : cases) EXPECT_EQ(graph_file_error(c.graph), c.expected);
}

TEST(ClusterGraph, AtMost1024Gpus) {
  std::string graph = "[[switch]]\nname = \"sw\"\n";
  for (int g = 0; g <= 1024; ++g)
    graph += "[[gpu]]\nname = \"g" + std::to_string(g) + "\"\nnode = 0\n[[link]]\na = \"g" + std::to_string(g) + "\"\nb = \"sw\"\n";
  EXPECT_EQ(graph_file_error(graph).substr(0, 60), "graph.toml:3:1: gpu: expected at most 1024 GPUs, got 1025");
}

TEST(ClusterGraph, TheGraphConflictsWithTheTwoLevelKeys) {
  for (const char* key : {"nodes = 2\n", "gpus_per_node = 2\n", "[cluster.intra_node]\nbandwidth_gbps = 1\n",
                          "[cluster.inter_node]\nlatency_us = 1\n"}) {
    const std::string message = graph_file_error(two_gpu_graph(), key);
    EXPECT_NE(message.find("conflicts with cluster.graph_file"), std::string::npos) << message;
    EXPECT_NE(message.find("the graph gives the GPUs, their nodes and the links"), std::string::npos) << message;
  }
  try {
    parse_scenario(std::string(kHead) + "graph_file = \"g.toml\"\n" + inline_graph(two_gpu_graph()), "both.toml");
    FAIL() << "accepted a graph inline and in a file";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(std::string(error.what()), "both.toml:6:14: cluster.graph_file: give the graph inline ([cluster.graph]) or in a file, not both");
  }
}

TEST(ClusterGraph, AMissingFileAndBadSyntaxAreErrors) {
  testing::ScratchDir dir;
  const auto scenario = dir / "scenario.toml";
  std::ofstream(scenario) << kHead << "graph_file = \"absent.toml\"\n";
  try {
    load_scenario_file(scenario);
    FAIL() << "accepted a missing graph file";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(error.field(), "cluster.graph_file");
    EXPECT_NE(std::string(error.what()).find("cannot read '" + (dir / "absent.toml").string() + "'"), std::string::npos);
  }
  EXPECT_EQ(graph_file_error("[[gpu]\n").substr(0, 24), "graph.toml:1:7: (syntax)");
}

TEST(ClusterGraph, HierarchicalEplbNeedsGpusNumberedNodeByNode) {
  // Four GPUs on one switch; nodes 0, 1, 0, 1: EPLB's hierarchical plan would put node 0's
  // experts on GPUs 0 and 1.
  std::string graph = "[[switch]]\nname = \"sw\"\n";
  for (int g = 0; g < 4; ++g)
    graph += "[[gpu]]\nname = \"g" + std::to_string(g) + "\"\nnode = " + std::to_string(g % 2) + "\n[[link]]\na = \"g" +
             std::to_string(g) + "\"\nb = \"sw\"\n";
  const std::string eplb = "placement = \"eplb\"\nexpert_groups = 2\n";
  const std::string message = graph_file_error(graph, eplb);
  EXPECT_NE(message.find("cluster.graph_file: hierarchical EPLB (expert_groups a multiple of the 2 nodes) needs GPUs "
                         "numbered node by node, 2 per node;"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("gpu[1] is on node 1, expected node 0"), std::string::npos) << message;
  // The global policy (groups not a multiple of the nodes) does not care how GPUs are numbered.
  testing::ScratchDir dir;
  EXPECT_NO_THROW(with_graph_file(dir, graph, "placement = \"eplb\"\nexpert_groups = 1\n"));
}

}  // namespace
}  // namespace routelab
