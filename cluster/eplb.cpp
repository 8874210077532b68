#include "cluster/eplb.hpp"

#include <string>

#include "cluster/balanced_packing.hpp"
#include "cluster/expert_replication.hpp"
#include "core/errors.hpp"

namespace routelab::cluster {

namespace {

void require(bool ok, const char* field, const std::string& what) {
  if (!ok) throw ConfigError(field, what);
}

std::vector<int> inverse(const std::vector<int>& permutation) {
  std::vector<int> inv(permutation.size());
  for (std::size_t i = 0; i < permutation.size(); ++i) inv[permutation[i]] = static_cast<int>(i);
  return inv;
}

// The three steps with `groups` groups on `nodes` nodes (the global policy is groups = nodes = 1).
EplbLayerPlan hierarchical(std::span<const float> loads, int replicas, int groups, int nodes, int gpus) {
  const int experts = static_cast<int>(loads.size());
  const int group_size = experts / groups;
  const int groups_per_node = groups / nodes;
  const int experts_per_node = experts / nodes;
  const int replicas_per_node = replicas / nodes;
  const int gpus_per_node = gpus / nodes;
  const int replicas_per_gpu = replicas / gpus;

  // 1. Groups to nodes. "Node-major" expert ids (mlog): node n holds mlog [n E/N, (n+1) E/N).
  std::vector<float> group_load(groups, 0.0F);
  for (int e = 0; e < experts; ++e) group_load[e / group_size] += loads[e];
  const Packing group_packing = balanced_packing(group_load, nodes);
  std::vector<int> log2mlog(experts);
  for (int e = 0; e < experts; ++e) {
    const int g = e / group_size;
    log2mlog[e] = (group_packing.pack[g] * groups_per_node + group_packing.rank_in_pack[g]) * group_size + e % group_size;
  }
  const std::vector<int> mlog2log = inverse(log2mlog);

  EplbLayerPlan plan{std::vector<int>(replicas), std::vector<int>(replicas), std::vector<int>(experts)};
  for (int node = 0; node < nodes; ++node) {
    // 2. Replicate this node's experts over its share of the replicas.
    std::vector<float> node_loads(experts_per_node);
    for (int m = 0; m < experts_per_node; ++m) node_loads[m] = loads[mlog2log[node * experts_per_node + m]];
    const Replication replication = replicate_experts(node_loads, replicas_per_node);

    // 3. Pack the node's replicas (each carrying its expert's load / replica count) to its GPUs.
    std::vector<float> replica_loads(replicas_per_node);
    for (int r = 0; r < replicas_per_node; ++r) {
      const int m = replication.phy2log[r];
      replica_loads[r] = node_loads[m] / static_cast<float>(replication.logcnt[m]);
    }
    const Packing gpu_packing = balanced_packing(replica_loads, gpus_per_node);
    for (int r = 0; r < replicas_per_node; ++r) {
      const int slot = node * replicas_per_node + gpu_packing.pack[r] * replicas_per_gpu + gpu_packing.rank_in_pack[r];
      plan.phy2log[slot] = mlog2log[node * experts_per_node + replication.phy2log[r]];
      plan.replica_rank[slot] = replication.replica_rank[r];
    }
    for (int m = 0; m < experts_per_node; ++m) plan.logcnt[mlog2log[node * experts_per_node + m]] = replication.logcnt[m];
  }
  return plan;
}

}  // namespace

std::string_view to_string(EplbPolicy policy) {
  return policy == EplbPolicy::hierarchical ? "hierarchical" : "global";
}

EplbPolicy eplb_policy(const EplbShape& shape) {
  return shape.nodes >= 1 && shape.groups % shape.nodes == 0 ? EplbPolicy::hierarchical : EplbPolicy::global;
}

EplbLayerPlan rebalance_layer(std::span<const float> loads, const EplbShape& shape) {
  const int experts = static_cast<int>(loads.size());
  require(experts >= 1, "loads", "a layer needs at least one expert load");
  for (const float load : loads) require(load >= 0, "loads", "expert loads must be >= 0, got " + std::to_string(load));
  require(shape.groups >= 1, "groups", "expected an integer >= 1, got " + std::to_string(shape.groups));
  require(shape.nodes >= 1, "nodes", "expected an integer >= 1, got " + std::to_string(shape.nodes));
  require(shape.gpus >= 1, "gpus", "expected an integer >= 1, got " + std::to_string(shape.gpus));
  require(shape.gpus % shape.nodes == 0, "gpus",
          "must be a multiple of nodes (" + std::to_string(shape.nodes) + "), got " + std::to_string(shape.gpus));
  require(shape.replicas >= experts, "replicas",
          "must be >= the number of experts (" + std::to_string(experts) + "), got " + std::to_string(shape.replicas));
  require(shape.replicas % shape.gpus == 0, "replicas",
          "must be a multiple of gpus (" + std::to_string(shape.gpus) + "), got " + std::to_string(shape.replicas));
  if (eplb_policy(shape) == EplbPolicy::global) return hierarchical(loads, shape.replicas, 1, 1, shape.gpus);
  require(experts % shape.groups == 0, "groups",
          "the number of experts (" + std::to_string(experts) + ") must be a multiple of groups (" +
              std::to_string(shape.groups) + ")");
  require(shape.replicas % shape.nodes == 0, "replicas", "must be a multiple of nodes");
  require((shape.replicas / shape.nodes) >= experts / shape.nodes, "replicas", "too few replicas per node");
  return hierarchical(loads, shape.replicas, shape.groups, shape.nodes, shape.gpus);
}

EplbPlan rebalance_experts(const std::vector<std::vector<float>>& loads, const EplbShape& shape) {
  EplbPlan plan;
  plan.policy = eplb_policy(shape);
  plan.layers.reserve(loads.size());
  for (const auto& layer : loads) plan.layers.push_back(rebalance_layer(layer, shape));
  return plan;
}

}  // namespace routelab::cluster
