#include "cluster/expert_placement.hpp"

namespace routelab::cluster {

namespace {

void index_replicas(ExpertPlacement& placement, int num_experts) {
  placement.replicas.assign(num_experts, {});
  for (std::size_t s = 0; s < placement.slot_expert.size(); ++s)
    placement.replicas[placement.slot_expert[s]].push_back(static_cast<int>(s));
}

}  // namespace

ExpertPlacement placement_from_plan(const EplbLayerPlan& plan, int gpus) {
  ExpertPlacement placement;
  placement.slot_expert = plan.phy2log;
  const int per_gpu = static_cast<int>(plan.phy2log.size()) / gpus;
  for (std::size_t s = 0; s < plan.phy2log.size(); ++s) placement.slot_gpu.push_back(static_cast<int>(s) / per_gpu);
  index_replicas(placement, static_cast<int>(plan.logcnt.size()));
  return placement;
}

ExpertPlacement make_placement(const ClusterSpec& spec, int num_experts, std::span<const float> loads) {
  const int gpus = spec.gpus();
  if (spec.placement == PlacementPolicy::eplb) {
    const EplbShape shape{.replicas = num_experts + spec.redundant_experts, .groups = spec.expert_groups,
                          .nodes = spec.nodes(), .gpus = gpus};
    return placement_from_plan(rebalance_layer(loads, shape), gpus);
  }
  ExpertPlacement placement;
  if (spec.placement == PlacementPolicy::file) {
    for (int e = 0; e < num_experts; ++e)
      for (const int gpu : spec.placement_gpus[e]) {
        placement.slot_expert.push_back(e);
        placement.slot_gpu.push_back(gpu);
      }
    index_replicas(placement, num_experts);
    return placement;
  }
  for (int e = 0; e < num_experts; ++e) {
    placement.slot_expert.push_back(e);
    placement.slot_gpu.push_back(spec.placement == PlacementPolicy::contiguous
                                     ? static_cast<int>(static_cast<long long>(e) * gpus / num_experts)
                                     : e % gpus);
  }
  index_replicas(placement, num_experts);
  return placement;
}

}  // namespace routelab::cluster
