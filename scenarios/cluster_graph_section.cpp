// Any topology for [cluster] (docs/cluster.md, "Any topology"): [[gpu]] name, node; [[switch]]
// name; [[link]] a, b, bandwidth_gbps, latency_us, name. Inline under [cluster.graph] or in the
// file cluster.graph_file names. GPU g is the g-th [[gpu]]; switches follow the GPUs as vertices.
// Everything Topology would reject is caught here instead, with the entry's file, line and key.
#include <algorithm>
#include <limits>
#include <map>
#include <numeric>

#include "scenarios/scenario_sections.hpp"

namespace routelab {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::int64_t kMaxNodeId = 1 << 16;
// A deployment, not a datacentre: every GPU pair gets a Dijkstra path when the run is built.
constexpr int kMaxGraphGpus = 1024;

// The entries of an array of tables (`[[gpu]]`), each with its reader's path ("gpu[2]").
struct Entry {
  const toml::table* table = nullptr;
  std::string path;
};

std::vector<Entry> entries(TableReader& graph, const std::string& key) {
  std::vector<Entry> out;
  const toml::node* node = graph.get(key);
  if (!node) return out;
  const toml::array* array = node->as_array();
  if (!array) graph.fail(node, key, "expected an array of tables ([[" + key + "]])");
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string path = key + "[" + std::to_string(i) + "]";
    const toml::node& element = *array->get(i);
    if (!element.is_table()) graph.fail(&element, path, "expected a table");
    out.push_back({element.as_table(), graph.qualified(path)});
  }
  return out;
}

std::string required_name(TableReader& entry, const char* key) {
  const toml::node* node = entry.get(key);
  if (!node) entry.fail(nullptr, key, "expected a name");
  const std::string name = entry.string_or(key, "");
  if (name.empty()) entry.fail(node, key, "expected a non-empty name");
  return name;
}

// Vertices by name, remembering the entry that declared each (for duplicate messages).
class VertexNames {
 public:
  void add(TableReader& entry, const std::string& name, const std::string& declared_at) {
    const auto [it, added] = vertex_.try_emplace(name, static_cast<int>(declared_at_.size()));
    if (!added) entry.fail(entry.table().get("name"), "name", "duplicate name '" + name + "' (also " + declared_at_[it->second] + ")");
    declared_at_.push_back(declared_at);
    names_.push_back(name);
  }
  int vertex(TableReader& entry, const char* key) {
    const std::string name = required_name(entry, key);
    const auto it = vertex_.find(name);
    if (it == vertex_.end()) entry.fail(entry.table().get(key), key, "no GPU or switch named '" + name + "'");
    return it->second;
  }
  // "GPU 'n0g0' (gpu[0])"
  std::string describe(int vertex) const { return "'" + names_[vertex] + "' (" + declared_at_[vertex] + ")"; }

 private:
  std::map<std::string, int> vertex_;
  std::vector<std::string> declared_at_;  // vertex -> "gpu[0]" / "switch[1]"
  std::vector<std::string> names_;
};

// Union-find over the vertices: which GPUs the links join (each link is full duplex).
int root_of(std::vector<int>& parent, int v) {
  while (parent[v] != v) v = parent[v] = parent[parent[v]];
  return v;
}

}  // namespace

cluster::TopologyGraphSpec read_topology_graph(TableReader& graph) {
  cluster::TopologyGraphSpec spec;
  VertexNames names;
  const std::vector<Entry> gpus = entries(graph, "gpu");
  const std::vector<Entry> switches = entries(graph, "switch");
  const std::vector<Entry> links = entries(graph, "link");
  if (gpus.empty()) graph.fail(nullptr, "gpu", "expected at least one GPU ([[gpu]] with name and node)");
  if (static_cast<int>(gpus.size()) > kMaxGraphGpus)
    graph.fail(graph.table().get("gpu"), "gpu", "expected at most " + std::to_string(kMaxGraphGpus) + " GPUs, got " +
                                                    std::to_string(gpus.size()));
  for (std::size_t g = 0; g < gpus.size(); ++g) {
    TableReader entry(*gpus[g].table, gpus[g].path, graph.source());
    names.add(entry, required_name(entry, "name"), "gpu[" + std::to_string(g) + "]");
    if (!entry.table().get("node")) entry.fail(gpus[g].table, "node", "expected the GPU's node (an integer >= 0)");
    spec.node_of_gpu.push_back(static_cast<int>(entry.integer_or("node", 0, 0, kMaxNodeId)));
    spec.gpu_vertex.push_back(static_cast<int>(g));
    entry.reject_unknown();
  }
  for (std::size_t s = 0; s < switches.size(); ++s) {
    TableReader entry(*switches[s].table, switches[s].path, graph.source());
    names.add(entry, required_name(entry, "name"), "switch[" + std::to_string(s) + "]");
    entry.reject_unknown();
  }
  spec.vertices = static_cast<int>(gpus.size() + switches.size());
  std::vector<int> parent(spec.vertices);
  std::iota(parent.begin(), parent.end(), 0);
  for (const Entry& link : links) {
    TableReader entry(*link.table, link.path, graph.source());
    cluster::GraphLink out;
    out.a = names.vertex(entry, "a");
    out.b = names.vertex(entry, "b");
    const std::string a = entry.string_or("a", "");
    const std::string b = entry.string_or("b", "");
    if (out.a == out.b) entry.fail(entry.table().get("b"), "b", "joins '" + a + "' to itself");
    const toml::node* bandwidth = entry.get("bandwidth_gbps");
    out.spec.bandwidth_gbps = entry.number_or("bandwidth_gbps", kInf, -kInf, kInf);
    if (!(out.spec.bandwidth_gbps > 0))
      entry.fail(bandwidth, "bandwidth_gbps", "expected a bandwidth > 0 (GB/s per direction; inf for a free link)");
    const toml::node* latency = entry.get("latency_us");
    out.spec.latency_us = entry.number_or("latency_us", 0, -kInf, kInf);
    if (!(out.spec.latency_us >= 0) || out.spec.latency_us == kInf)
      entry.fail(latency, "latency_us", "expected a finite latency >= 0 (µs)");
    out.name = entry.string_or("name", a + "-" + b);
    entry.reject_unknown();
    parent[root_of(parent, out.a)] = root_of(parent, out.b);
    spec.links.push_back(std::move(out));
  }
  graph.reject_unknown();

  // Node ids run 0..N-1: a node without GPUs would count in the node total and group limits.
  std::vector<bool> used(*std::max_element(spec.node_of_gpu.begin(), spec.node_of_gpu.end()) + 1, false);
  for (const int node : spec.node_of_gpu) used[node] = true;
  for (std::size_t n = 0; n < used.size(); ++n)
    if (!used[n]) {
      const auto last = std::max_element(spec.node_of_gpu.begin(), spec.node_of_gpu.end()) - spec.node_of_gpu.begin();
      TableReader entry(*gpus[last].table, gpus[last].path, graph.source());
      entry.fail(entry.table().get("node"), "node",
                 "node ids must run from 0 without gaps; no GPU is on node " + std::to_string(n));
    }
  for (std::size_t g = 1; g < gpus.size(); ++g)
    if (root_of(parent, static_cast<int>(g)) != root_of(parent, 0)) {
      TableReader entry(*gpus[g].table, gpus[g].path, graph.source());
      entry.fail(gpus[g].table, "name", "GPU '" + entry.string_or("name", "") + "' cannot reach GPU " + names.describe(0) +
                                            " over the links (every GPU pair needs a path)");
    }
  return spec;
}

}  // namespace routelab
