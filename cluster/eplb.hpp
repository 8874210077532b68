#pragma once
// EPLB, the expert-parallel load balancer DeepSeek published for DeepSeek-V3, written from its
// description: replicate hot experts and place the replicas on GPUs so GPU loads are balanced.
//   hierarchical (used when the node count divides the group count): pack expert groups to nodes
//     (balanced packing of group loads), replicate experts within each node, then pack each
//     node's replicas to its GPUs -- keeps a group's tokens inside one node;
//   global (otherwise): the same with one group and one node -- replicate over the whole cluster.
// Physical replica p lives on GPU p / (replicas / gpus).
#include <span>
#include <string_view>
#include <vector>

namespace routelab::cluster {

enum class EplbPolicy { hierarchical, global };
std::string_view to_string(EplbPolicy policy);

struct EplbShape {
  int replicas = 0;  // physical experts, a multiple of gpus and >= experts
  int groups = 1;    // expert groups (DeepSeek-V3: 8); experts a multiple of it when hierarchical
  int nodes = 1;     // server nodes; gpus a multiple of it
  int gpus = 1;
};

struct EplbLayerPlan {
  std::vector<int> phy2log;       // replicas: the logical expert each physical slot holds
  std::vector<int> replica_rank;  // replicas: which copy of its expert the slot is (0 = first)
  std::vector<int> logcnt;        // experts: replicas of each logical expert
};

struct EplbPlan {
  EplbPolicy policy = EplbPolicy::global;
  std::vector<EplbLayerPlan> layers;
};

// The policy the published entry point picks for this shape.
EplbPolicy eplb_policy(const EplbShape& shape);

// Checks the shape against `experts` (throws ConfigError naming the field) and plans one layer.
EplbLayerPlan rebalance_layer(std::span<const float> loads, const EplbShape& shape);
EplbPlan rebalance_experts(const std::vector<std::vector<float>>& loads, const EplbShape& shape);

// The GPU of physical slot `replica`.
inline int gpu_of_replica(int replica, const EplbShape& shape) { return replica / (shape.replicas / shape.gpus); }

}  // namespace routelab::cluster
