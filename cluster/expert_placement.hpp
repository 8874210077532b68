#pragma once
// Where each expert's replicas live: physical slots (slot -> logical expert), each slot on one
// GPU; the replica lists per expert in slot order. Built from a placement policy, or from an EPLB
// plan for the observed loads.
#include <span>
#include <vector>

#include "cluster/cluster_spec.hpp"
#include "cluster/eplb.hpp"

namespace routelab::cluster {

struct ExpertPlacement {
  std::vector<int> slot_expert;             // physical slot -> logical expert
  std::vector<int> slot_gpu;                // physical slot -> GPU
  std::vector<std::vector<int>> replicas;   // logical expert -> its slots, ascending
};

// contiguous or round_robin (one slot per expert), file (a slot per listed GPU, expert by
// expert, in the listed order), or eplb planned on `loads` (E values).
ExpertPlacement make_placement(const ClusterSpec& spec, int num_experts, std::span<const float> loads);

// The placement of an EPLB plan: slot s on GPU s / (slots / gpus).
ExpertPlacement placement_from_plan(const EplbLayerPlan& plan, int gpus);

}  // namespace routelab::cluster
