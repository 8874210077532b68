#include "cluster/topology.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <algorithm>
#include <cmath>

#include "core/errors.hpp"

namespace routelab::cluster {

namespace {

// Added to every link's latency for the route search only: fewest hops among equal latencies.
constexpr double kHopTieBreakUs = 1e-6;

struct EdgeData {
  int link = 0;  // index into Topology::links_
  double weight = 0;
};
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, EdgeData>;

}  // namespace

TopologyGraphSpec two_level_topology(const TwoLevelTopologySpec& spec) {
  if (spec.nodes < 1) throw ConfigError("cluster.nodes", "expected an integer >= 1, got " + std::to_string(spec.nodes));
  if (spec.gpus_per_node < 1)
    throw ConfigError("cluster.gpus_per_node", "expected an integer >= 1, got " + std::to_string(spec.gpus_per_node));
  const int gpus = spec.nodes * spec.gpus_per_node;
  // Vertices: GPUs 0..G-1, node switches G..G+N-1, the fabric G+N.
  TopologyGraphSpec graph;
  graph.vertices = gpus + spec.nodes + 1;
  const int fabric = gpus + spec.nodes;
  const LinkSpec intra{spec.intra.bandwidth_gbps, spec.intra.latency_us / 2};
  const LinkSpec inter{spec.inter.bandwidth_gbps, spec.inter.latency_us / 2};
  for (int g = 0; g < gpus; ++g) {
    const int node = g / spec.gpus_per_node;
    graph.gpu_vertex.push_back(g);
    graph.node_of_gpu.push_back(node);
    graph.links.push_back({g, gpus + node, intra, "gpu" + std::to_string(g) + "-nvswitch" + std::to_string(node)});
    if (spec.nodes > 1) graph.links.push_back({g, fabric, inter, "gpu" + std::to_string(g) + "-fabric"});
  }
  return graph;
}

Topology::Topology(const TopologyGraphSpec& spec) : node_of_gpu_(spec.node_of_gpu) {
  const int gpu_count = static_cast<int>(spec.gpu_vertex.size());
  if (gpu_count < 1) throw ConfigError("cluster", "a topology needs at least one GPU");
  if (spec.node_of_gpu.size() != spec.gpu_vertex.size())
    throw ConfigError("cluster", "every GPU needs a node (node_of_gpu and gpu_vertex differ in length)");
  for (const int node : node_of_gpu_)
    if (node < 0) throw ConfigError("cluster", "node ids must be >= 0");
  nodes_ = *std::max_element(node_of_gpu_.begin(), node_of_gpu_.end()) + 1;
  Graph graph(spec.vertices);
  for (const GraphLink& link : spec.links) {
    const std::string field = "cluster.links." + link.name;
    if (link.a < 0 || link.b < 0 || link.a >= spec.vertices || link.b >= spec.vertices || link.a == link.b)
      throw ConfigError(field, "joins vertices " + std::to_string(link.a) + " and " + std::to_string(link.b) +
                                   "; expected two different vertices below " + std::to_string(spec.vertices));
    if (!(link.spec.bandwidth_gbps > 0))
      throw ConfigError(field + ".bandwidth_gbps", "expected a bandwidth > 0 (inf for a free link)");
    if (!(link.spec.latency_us >= 0) || std::isinf(link.spec.latency_us))
      throw ConfigError(field + ".latency_us", "expected a finite latency >= 0");
    for (const auto& [from, to] : {std::pair{link.a, link.b}, std::pair{link.b, link.a}}) {
      const int id = static_cast<int>(links_.size());
      links_.push_back({from, to, link.spec.bandwidth_gbps, link.spec.latency_us,
                        link.name + (from == link.a ? " (->)" : " (<-)")});
      boost::add_edge(from, to, EdgeData{id, link.spec.latency_us + kHopTieBreakUs}, graph);
    }
  }

  paths_.resize(static_cast<std::size_t>(gpu_count) * gpu_count);
  std::vector<Graph::vertex_descriptor> predecessor(spec.vertices);
  std::vector<double> distance(spec.vertices);
  for (int from = 0; from < gpu_count; ++from) {
    const int source = spec.gpu_vertex[from];
    boost::dijkstra_shortest_paths(
        graph, source,
        boost::predecessor_map(predecessor.data()).distance_map(distance.data()).weight_map(boost::get(&EdgeData::weight, graph)));
    for (int to = 0; to < gpu_count; ++to) {
      GpuPath& path = paths_[from * gpu_count + to];
      path.crosses_nodes = node_of_gpu_[from] != node_of_gpu_[to];
      int vertex = spec.gpu_vertex[to];
      if (vertex != source && predecessor[vertex] == static_cast<Graph::vertex_descriptor>(vertex))
        throw ConfigError("cluster", "GPU " + std::to_string(to) + " cannot be reached from GPU " + std::to_string(from));
      // Walk back along the predecessors; between a vertex and its predecessor take the edge the
      // search relaxed (the lightest one when links are parallel).
      while (vertex != source) {
        const int previous = static_cast<int>(predecessor[vertex]);
        int best = -1;
        for (auto [edge, end] = boost::out_edges(previous, graph); edge != end; ++edge) {
          if (static_cast<int>(boost::target(*edge, graph)) != vertex) continue;
          const EdgeData& data = graph[*edge];
          if (best < 0 || data.weight < links_[best].latency_us + kHopTieBreakUs) best = data.link;
        }
        path.links.push_back(best);
        vertex = previous;
      }
      std::reverse(path.links.begin(), path.links.end());
      for (const int link : path.links) {
        path.latency_us += links_[link].latency_us;
        path.bottleneck_gbps = std::min(path.bottleneck_gbps, links_[link].bandwidth_gbps);
      }
    }
  }
}

}  // namespace routelab::cluster
