#include "cluster/cluster_spec.hpp"

#include <algorithm>

#include "cluster/eplb.hpp"
#include "core/errors.hpp"

namespace routelab::cluster {

PlacementPolicy parse_placement_policy(std::string_view name, const std::string& field) {
  if (name == "contiguous") return PlacementPolicy::contiguous;
  if (name == "round_robin") return PlacementPolicy::round_robin;
  if (name == "file") return PlacementPolicy::file;
  if (name == "eplb") return PlacementPolicy::eplb;
  throw ConfigError(field, "expected one of contiguous, round_robin, file, eplb, got '" + std::string(name) + "'");
}

std::string_view to_string(PlacementPolicy policy) {
  switch (policy) {
    case PlacementPolicy::contiguous: return "contiguous";
    case PlacementPolicy::round_robin: return "round_robin";
    case PlacementPolicy::file: return "file";
    case PlacementPolicy::eplb: return "eplb";
  }
  return "";
}

ReplicaChoice parse_replica_choice(std::string_view name, const std::string& field) {
  if (name == "nearest") return ReplicaChoice::nearest;
  if (name == "least_loaded") return ReplicaChoice::least_loaded;
  if (name == "round_robin") return ReplicaChoice::round_robin;
  throw ConfigError(field, "expected one of nearest, least_loaded, round_robin, got '" + std::string(name) + "'");
}

std::string_view to_string(ReplicaChoice choice) {
  switch (choice) {
    case ReplicaChoice::nearest: return "nearest";
    case ReplicaChoice::least_loaded: return "least_loaded";
    case ReplicaChoice::round_robin: return "round_robin";
  }
  return "";
}

int ClusterSpec::gpus() const {
  return graph ? static_cast<int>(graph->gpu_vertex.size()) : topology.nodes * topology.gpus_per_node;
}

int ClusterSpec::nodes() const {
  if (!graph) return topology.nodes;
  return graph->node_of_gpu.empty() ? 0 : *std::max_element(graph->node_of_gpu.begin(), graph->node_of_gpu.end()) + 1;
}

TopologyGraphSpec ClusterSpec::topology_graph() const { return graph ? *graph : two_level_topology(topology); }

namespace {

// EPLB's plans put slot s on GPU s / (slots / G) and, under the hierarchical policy, node n's
// share on GPUs n x G/N .. (n + 1) x G/N - 1: a described graph must number its GPUs that way.
void check_eplb_numbering(const ClusterSpec& spec) {
  const int g = spec.gpus();
  const int n = spec.nodes();
  const std::string where = spec.graph_field + " (" + spec.graph_source + ")";
  if (g % n != 0)
    throw ConfigError(spec.graph_field, "EPLB needs the same number of GPUs on every node; " + where + " has " +
                                            std::to_string(g) + " GPUs on " + std::to_string(n) + " nodes");
  if (eplb_policy({.replicas = g, .groups = spec.expert_groups, .nodes = n, .gpus = g}) != EplbPolicy::hierarchical) return;
  const int per_node = g / n;
  for (int gpu = 0; gpu < g; ++gpu)
    if (spec.graph->node_of_gpu[gpu] != gpu / per_node)
      throw ConfigError(spec.graph_field,
                        "hierarchical EPLB (expert_groups a multiple of the " + std::to_string(n) +
                            " nodes) needs GPUs numbered node by node, " + std::to_string(per_node) + " per node; in " +
                            where + " gpu[" + std::to_string(gpu) + "] is on node " +
                            std::to_string(spec.graph->node_of_gpu[gpu]) + ", expected node " +
                            std::to_string(gpu / per_node));
}

// The reader checks the file entry by entry, with its lines; this guards specs built elsewhere.
void check_file_placement(const ClusterSpec& spec, int num_experts) {
  if (static_cast<int>(spec.placement_gpus.size()) != num_experts)
    throw ConfigError("cluster.placement_file", spec.placement_source + " places " + std::to_string(spec.placement_gpus.size()) +
                                                    " experts; the scenario has " + std::to_string(num_experts));
  for (std::size_t e = 0; e < spec.placement_gpus.size(); ++e) {
    if (spec.placement_gpus[e].empty())
      throw ConfigError("cluster.placement_file", "expert " + std::to_string(e) + " has no GPU in " + spec.placement_source);
    for (const int gpu : spec.placement_gpus[e])
      if (gpu < 0 || gpu >= spec.gpus())
        throw ConfigError("cluster.placement_file", "expert " + std::to_string(e) + "'s GPU " + std::to_string(gpu) +
                                                        " is out of range in " + spec.placement_source);
  }
}

}  // namespace

void ClusterSpec::validate(int num_experts) const {
  if (!enabled) return;
  const int g = gpus();
  if (!gpu_speed.empty() && static_cast<int>(gpu_speed.size()) != g)
    throw ConfigError("cluster.gpu_speed", "expected one speed per GPU (" + std::to_string(g) + "), got " +
                                               std::to_string(gpu_speed.size()));
  for (const double s : gpu_speed)
    if (!(s > 0)) throw ConfigError("cluster.gpu_speed", "every speed must be > 0");
  if (placement != PlacementPolicy::eplb && redundant_experts != 0)
    throw ConfigError("cluster.redundant_experts", "needs placement = \"eplb\" (only EPLB replicates experts)");
  if (placement != PlacementPolicy::eplb && expert_bytes != 0)
    throw ConfigError("cluster.expert_bytes", "needs placement = \"eplb\" (only EPLB moves experts)");
  if (placement != PlacementPolicy::eplb && rebalance_interval != 0)
    throw ConfigError("cluster.rebalance_interval", "needs placement = \"eplb\"");
  if ((placement == PlacementPolicy::eplb || max_groups_per_token > 0) && num_experts % expert_groups != 0)
    throw ConfigError("cluster.expert_groups", "must divide the number of experts (" + std::to_string(num_experts) + ")");
  if (max_groups_per_token > expert_groups)
    throw ConfigError("cluster.max_groups_per_token", "expected at most expert_groups (" + std::to_string(expert_groups) +
                                                          "), got " + std::to_string(max_groups_per_token));
  if (placement == PlacementPolicy::eplb && graph) check_eplb_numbering(*this);
  if (placement == PlacementPolicy::file) check_file_placement(*this, num_experts);
  if (placement == PlacementPolicy::eplb) {
    const int slots = num_experts + redundant_experts;
    if (slots % g != 0)
      throw ConfigError("cluster.redundant_experts", "experts + redundant_experts (" + std::to_string(slots) +
                                                         ") must be a multiple of the GPU count (" + std::to_string(g) + ")");
  }
}

}  // namespace routelab::cluster
