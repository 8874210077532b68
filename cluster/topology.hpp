#pragma once
// The cluster's network as a Boost.Graph graph: vertices are GPUs and switches, each link is two
// directed edges (full duplex: each direction has its own bandwidth). Every GPU pair's path is
// found once, when the topology is built, by Dijkstra on link latency (plus a tiny per-hop cost so
// that among equally fast routes the one with fewest hops wins, and zero-latency links still give
// shortest routes); its bottleneck is the slowest link on it.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace routelab::cluster {

// GB/s = 1e9 bytes per second = 1e3 bytes per microsecond.
inline constexpr double kBytesPerMicrosecondPerGBps = 1e3;
inline constexpr double kFreeBandwidth = std::numeric_limits<double>::infinity();

struct LinkSpec {
  double bandwidth_gbps = kFreeBandwidth;  // each direction
  double latency_us = 0;
};

// One full-duplex link between vertices `a` and `b` of a described graph.
struct GraphLink {
  int a = 0;
  int b = 0;
  LinkSpec spec;
  std::string name;  // for reports ("gpu3-nvswitch0")
};

// Any graph: `vertices` vertices of which `gpu_vertex[g]` is GPU g's, `node_of_gpu[g]` its node.
struct TopologyGraphSpec {
  int vertices = 0;
  std::vector<int> gpu_vertex;
  std::vector<int> node_of_gpu;
  std::vector<GraphLink> links;
};

// The usual two-level cluster: `nodes` x `gpus_per_node` GPUs; inside a node every GPU has a link
// to the node's switch (NVLink/NVSwitch: `intra`); across nodes every GPU has its own link to the
// network fabric (one NIC per GPU, rail style: `inter`). A link's latency is half the GPU-to-GPU
// latency, so an intra-node path costs intra.latency_us and a cross-node path inter.latency_us.
struct TwoLevelTopologySpec {
  int nodes = 1;
  int gpus_per_node = 1;
  LinkSpec intra;
  LinkSpec inter;
};
TopologyGraphSpec two_level_topology(const TwoLevelTopologySpec& spec);

// A directed edge of the graph: one direction of one link.
struct DirectedLink {
  int from = 0;
  int to = 0;
  double bandwidth_gbps = kFreeBandwidth;
  double latency_us = 0;
  std::string name;  // "<link name> a->b" direction marked
};

struct GpuPath {
  std::vector<int> links;  // directed link ids, source to destination; empty for a GPU to itself
  double latency_us = 0;
  double bottleneck_gbps = kFreeBandwidth;  // slowest link on the path
  bool crosses_nodes = false;
};

class Topology {
 public:
  // Throws ConfigError when a link is malformed or some GPU cannot reach another.
  explicit Topology(const TopologyGraphSpec& spec);

  int gpus() const { return static_cast<int>(node_of_gpu_.size()); }
  int node_of(int gpu) const { return node_of_gpu_[gpu]; }
  int nodes() const { return nodes_; }  // 1 + the largest node id
  const std::vector<DirectedLink>& links() const { return links_; }
  const GpuPath& path(int from_gpu, int to_gpu) const { return paths_[from_gpu * gpus() + to_gpu]; }

 private:
  std::vector<int> node_of_gpu_;
  int nodes_ = 0;
  std::vector<DirectedLink> links_;
  std::vector<GpuPath> paths_;  // gpus x gpus, row-major
};

}  // namespace routelab::cluster
