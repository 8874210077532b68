#pragma once
// An expert-parallel deployment as a scenario's [cluster] section describes it (docs/cluster.md):
// the topology, the model's shape, the per-GPU compute model, where experts live and how a token
// picks among an expert's replicas. Parsed and validated at the boundary (scenarios/).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cluster/topology.hpp"

namespace routelab::cluster {

enum class PlacementPolicy {
  contiguous,   // expert e on GPU floor(e * G / E): neighbouring experts share a GPU
  round_robin,  // expert e on GPU e mod G
  file,         // each expert's replicas on the GPUs placement_gpus lists (cluster.placement_file)
  eplb,         // DeepSeek's EPLB on observed loads, with `redundant_experts` extra replicas
};
PlacementPolicy parse_placement_policy(std::string_view name, const std::string& field);
std::string_view to_string(PlacementPolicy policy);

enum class ReplicaChoice {
  nearest,       // the replica on the token's GPU, else on its node, else the first
  least_loaded,  // the replica with the fewest tokens so far in this batch
  round_robin,   // the expert's replicas in turn
};
ReplicaChoice parse_replica_choice(std::string_view name, const std::string& field);
std::string_view to_string(ReplicaChoice choice);

struct ClusterSpec {
  bool enabled = false;  // false: no [cluster] section, the run is today's model
  TwoLevelTopologySpec topology;  // nodes x gpus_per_node; unused when `graph` is set
  // Any topology ([cluster.graph] or cluster.graph_file): GPUs, switches and links as described.
  // When set it replaces `topology`; read the shape through gpus(), nodes() and topology_graph().
  std::optional<TopologyGraphSpec> graph;
  std::string graph_source;  // for messages and reports: the graph file, or "[cluster.graph]"
  std::string graph_field;   // the scenario key that gave it: "cluster.graph_file" or "cluster.graph"
  int hidden_size = 4096;
  int bytes_per_element = 2;           // bf16
  // Expert compute per GPU: fixed_us + us_per_token x (tokens it serves) / gpu_speed[g].
  double compute_fixed_us = 0;
  double compute_us_per_token = 0;
  std::vector<double> gpu_speed;       // empty: every GPU speed 1 (heterogeneous GPUs otherwise)
  PlacementPolicy placement = PlacementPolicy::contiguous;
  // placement = file: logical expert -> the GPUs of its replicas, in replica order (the first is
  // the one `nearest` falls back to); from the file placement_source names.
  std::vector<std::vector<int>> placement_gpus;
  std::string placement_source;
  int redundant_experts = 0;           // eplb only
  int expert_groups = 1;               // eplb: hierarchical when nodes divides it; group-limited routing
  int max_groups_per_token = 0;        // group-limited routing: at most M groups per token; 0 off
  int rebalance_interval = 0;          // eplb: re-plan every N batches on the moving average; 0 never
  double load_decay = 0.9;             // eplb: moving-average weight of the past per batch
  double expert_bytes = 0;             // eplb: one expert's weights; a re-plan moves them (0: free)
  ReplicaChoice replica_choice = ReplicaChoice::nearest;
  bool overlap = false;                // step = max(dispatch + combine, compute) instead of the sum
  // The step timeline (engine/step_timeline.hpp): one tick is this many µs of the deployment, and
  // the steps give the run its clock. 0: the step model only watches the run.
  double tick_us = 0;

  int gpus() const;
  int nodes() const;
  TopologyGraphSpec topology_graph() const;  // the graph, else the two-level one
  double speed(int gpu) const { return gpu_speed.empty() ? 1.0 : gpu_speed[gpu]; }
  // Throws ConfigError naming the field ("cluster.redundant_experts").
  void validate(int num_experts) const;
  bool drives_timeline() const { return enabled && tick_us > 0; }
  bool group_limited() const { return enabled && max_groups_per_token > 0; }
};

}  // namespace routelab::cluster
