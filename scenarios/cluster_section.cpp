// The [cluster] section: an expert-parallel deployment (docs/cluster.md). Without the section the
// run is today's model; with it the run also reports step times over the topology.
#include <limits>

#include "scenarios/referenced_file.hpp"
#include "scenarios/scenario_sections.hpp"

namespace routelab {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::int64_t kMaxGpus = 1 << 16;  // a deployment, not a datacentre: keeps the pair table small

cluster::LinkSpec read_link(TableReader& parent, const std::string& key, const std::string& source) {
  cluster::LinkSpec link;
  const toml::table* t = parent.subtable(key);
  if (!t) return link;  // absent: a free link
  TableReader reader(*t, parent.qualified(key), source);
  link.bandwidth_gbps = reader.number_or("bandwidth_gbps", link.bandwidth_gbps, 1e-9, kInf);
  link.latency_us = reader.number_or("latency_us", link.latency_us, 0, 1e12);
  reader.reject_unknown();
  return link;
}

// [cluster.graph] inline or cluster.graph_file: any topology instead of the two-level keys.
void read_graph(TableReader& c, cluster::ClusterSpec& cl) {
  const toml::node* file_key = c.get("graph_file");
  const toml::table* inline_graph = c.subtable("graph");
  if (file_key && inline_graph)
    c.fail(file_key, "graph_file", "give the graph inline ([cluster.graph]) or in a file, not both");
  if (inline_graph) {
    TableReader graph(*inline_graph, c.qualified("graph"), c.source());
    cl.graph = read_topology_graph(graph);
    cl.graph_source = "[cluster.graph]";
    cl.graph_field = "cluster.graph";
  } else if (file_key) {
    const ReferencedFile file = read_referenced_file(c, "graph_file");
    const toml::table root = parse_toml_text(file.text, file.path);
    TableReader graph(root, "", file.path);
    cl.graph = read_topology_graph(graph);
    cl.graph_source = file.path;
    cl.graph_field = "cluster.graph_file";
  }
  if (!cl.graph) return;
  for (const char* key : {"nodes", "gpus_per_node", "intra_node", "inter_node"})
    if (const toml::node* node = c.table().get(key))
      c.fail(node, key, "conflicts with " + cl.graph_field + " (" + cl.graph_source +
                            "): the graph gives the GPUs, their nodes and the links; leave " + key + " out");
}

}  // namespace

void read_cluster_section(TableReader& top, ScenarioSpec& spec) {
  const toml::table* t = top.subtable("cluster");
  if (!t) return;
  TableReader c(*t, "cluster", top.source());
  cluster::ClusterSpec& cl = spec.cluster;
  cl.enabled = true;
  read_graph(c, cl);
  cl.topology.nodes = static_cast<int>(c.integer_or("nodes", 1, 1, kMaxGpus));
  cl.topology.gpus_per_node = static_cast<int>(c.integer_or("gpus_per_node", 1, 1, kMaxGpus));
  if (static_cast<std::int64_t>(cl.topology.nodes) * cl.topology.gpus_per_node > kMaxGpus)
    c.fail(t, "gpus_per_node", "nodes x gpus_per_node must be at most " + std::to_string(kMaxGpus));
  cl.topology.intra = read_link(c, "intra_node", top.source());
  cl.topology.inter = read_link(c, "inter_node", top.source());
  cl.hidden_size = static_cast<int>(c.integer_or("hidden_size", cl.hidden_size, 1, 1 << 24));
  cl.bytes_per_element = static_cast<int>(c.integer_or("bytes_per_element", cl.bytes_per_element, 1, 64));
  if (const toml::table* compute = c.subtable("compute")) {
    TableReader reader(*compute, "cluster.compute", top.source());
    cl.compute_fixed_us = reader.number_or("fixed_us", 0, 0, 1e12);
    cl.compute_us_per_token = reader.number_or("us_per_token", 0, 0, 1e12);
    reader.reject_unknown();
  }
  cl.gpu_speed = c.numbers("gpu_speed");
  cl.placement = parse_choice(c, "placement", cluster::PlacementPolicy::contiguous, [](const std::string& name) {
    return cluster::parse_placement_policy(name, "cluster.placement");
  });
  read_placement_file(c, cl, spec.simulation.num_experts);
  cl.redundant_experts = static_cast<int>(c.integer_or("redundant_experts", 0, 0, 1 << 20));
  cl.expert_groups = static_cast<int>(c.integer_or("expert_groups", 1, 1, 1 << 20));
  cl.max_groups_per_token = static_cast<int>(c.integer_or("max_groups_per_token", 0, 0, 1 << 20));
  cl.rebalance_interval = static_cast<int>(c.integer_or("rebalance_interval", 0, 0, INT32_MAX));
  cl.load_decay = c.number_or("load_decay", cl.load_decay, 0, 1);
  cl.expert_bytes = c.number_or("expert_bytes", 0, 0, 1e15);
  cl.replica_choice = parse_choice(c, "replica_choice", cluster::ReplicaChoice::nearest, [](const std::string& name) {
    return cluster::parse_replica_choice(name, "cluster.replica_choice");
  });
  cl.overlap = c.boolean_or("overlap", false);
  // 0 (absent): the step model only watches; > 0: its steps drive the run's clock.
  cl.tick_us = c.number_or("tick_us", 0, 0, 1e9);
  if (cl.tick_us > 0 && cl.tick_us < 1e-3) c.fail(t->get("tick_us"), "tick_us", "expected 0 (off) or at least 0.001 (a nanosecond)");
  c.reject_unknown();
}

}  // namespace routelab
