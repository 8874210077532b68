#pragma once
// One expert-parallel step per batch: every accepted assignment travels from the GPU that holds
// its token (data-parallel attention: GPU g holds the g-th slice of the batch) to a replica of its
// expert (dispatch all-to-all), is computed there, and travels back (combine all-to-all).
//   step = dispatch + slowest GPU's compute + combine   (overlap: max(dispatch + combine, compute))
// With placement = eplb the model keeps a moving average of per-expert loads and re-plans every
// `rebalance_interval` batches; with `expert_bytes` the copy of weights a new plan needs is an
// all-to-all over the topology, added to the step after which it re-plans.
#include <cstdint>
#include <span>
#include <vector>

#include "cluster/all_to_all.hpp"
#include "cluster/cluster_spec.hpp"
#include "cluster/expert_placement.hpp"
#include "cluster/topology.hpp"
#include "core/types.hpp"

namespace routelab::cluster {

struct StepFigures {
  double dispatch_us = 0;
  double compute_us = 0;       // slowest GPU
  double mean_compute_us = 0;  // over all GPUs
  double combine_us = 0;
  double rebalance_us = 0;     // moving expert weights after a re-plan (charged to this step)
  double step_us = 0;
  double bytes = 0;            // dispatch + combine, between different GPUs
  double cross_node_bytes = 0;
  int max_nodes_per_token = 0;           // most distinct nodes one token's copies went to
  std::vector<std::int64_t> gpu_tokens;  // assignments each GPU computed
  std::vector<double> link_busy_us;      // per directed link, dispatch + combine drain time
};

class StepModel {
 public:
  // Throws ConfigError when the spec does not fit `num_experts`.
  StepModel(const ClusterSpec& spec, int num_experts);

  // `placed` is tokens x k (the engine's accepted experts, -1 for none); one call per batch.
  StepFigures step(std::size_t tokens, std::span<const ExpertId> placed, int k);

  // After step(), under the step timeline (spec.tick_us > 0; empty otherwise): the GPU that
  // computed each assignment (placed's layout, -1 for none), under the placement the step ran
  // with (a re-plan at its end applies from the next step).
  std::span<const int> assignment_gpus() const { return assignment_gpu_; }
  const ClusterSpec& spec() const { return spec_; }
  const Topology& topology() const { return topology_; }
  const ExpertPlacement& placement() const { return placement_; }
  std::int64_t rebalances() const { return rebalances_; }

 private:
  int choose_slot(int expert, int source_gpu);
  void index_placement();  // the nearest-replica table, after every (re-)plan
  // The all-to-all time of copying every expert to the slots it newly occupies, each from its
  // nearest old replica.
  double weight_move_us(const ExpertPlacement& before) const;

  ClusterSpec spec_;
  int num_experts_ = 0;
  Topology topology_;
  ExpertPlacement placement_;
  double token_bytes_ = 0;
  std::vector<float> load_average_;       // per expert, moving average of assignments per batch
  std::vector<std::int64_t> batch_load_;  // per expert, this batch
  std::vector<std::int64_t> gpu_tokens_;  // per GPU, this batch
  std::vector<std::uint64_t> next_replica_;  // round_robin choice, per expert
  std::vector<double> dispatch_bytes_;    // gpus x gpus
  std::vector<double> combine_bytes_;
  std::vector<int> assignment_gpu_;       // tokens x k, this batch
  std::vector<int> nearest_slot_;         // experts x gpus: the nearest replica from each GPU
  std::int64_t batches_ = 0;
  std::int64_t rebalances_ = 0;
};

}  // namespace routelab::cluster
