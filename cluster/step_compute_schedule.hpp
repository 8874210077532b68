#pragma once
// When each assignment of one step has been computed, for the step timeline: a GPU computes its
// experts one after another in expert order (as a grouped GEMM walks them), each expert's tokens in
// token order, starting once the dispatch all-to-all is done (at once when compute overlaps
// communication). A GPU's last assignment is done at its whole compute time, so the slowest GPU's
// is done at the step's compute_us.
#include <cstdint>
#include <span>
#include <vector>

#include "cluster/cluster_spec.hpp"
#include "cluster/step_model.hpp"
#include "core/types.hpp"

namespace routelab::cluster {

class StepComputeSchedule {
 public:
  StepComputeSchedule(const ClusterSpec& spec, int num_experts);

  // `placed` and `assignment_gpu` as StepModel::step saw them (tokens x k, -1: none). Fills
  // `done_us` (same layout, 0 where none): µs from the step's start until the assignment is computed.
  void schedule(const StepFigures& step, std::span<const ExpertId> placed, std::span<const int> assignment_gpu,
                std::vector<double>& done_us);

 private:
  ClusterSpec spec_;
  int num_experts_ = 0;
  std::vector<std::int64_t> position_;  // gpus x experts: assignments computed before this pair's next one
};

}  // namespace routelab::cluster
