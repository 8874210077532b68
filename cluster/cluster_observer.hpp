#pragma once
// Runs the step model on every dispatched batch of a simulation (a MetricsSink) and sums the
// steps into the run's ClusterFigures. The event timeline itself is not changed by it.
#include <memory>
#include <vector>

#include "cluster/cluster_step_listener.hpp"
#include "cluster/step_model.hpp"
#include "engine/metrics.hpp"
#include "engine/metrics_sink.hpp"

namespace routelab::cluster {

class ClusterObserver : public MetricsSink {
 public:
  ClusterObserver(const ClusterSpec& spec, int num_experts) : model_(spec, num_experts) {}

  void on_batch_placed(const TokenBatch& batch, std::span<const ExpertId> placed, int k) override;

  // Every later step is also handed to `listener` (nullptr: none); it is told the topology first.
  // The listener must outlive the observer.
  void set_step_listener(ClusterStepListener* listener);

  ClusterFigures figures() const;
  const StepModel& model() const { return model_; }
  // Per step, for --out: the step time and each GPU's computed assignments.
  const std::vector<double>& step_times() const { return step_times_; }
  const std::vector<std::vector<std::int64_t>>& gpu_tokens() const { return gpu_tokens_; }
  const std::vector<double>& link_busy_us() const { return link_busy_us_; }
  int max_nodes_per_token() const { return max_nodes_per_token_; }

 private:
  StepModel model_;
  ClusterStepListener* listener_ = nullptr;
  std::vector<double> step_times_;
  std::vector<std::vector<std::int64_t>> gpu_tokens_;
  std::vector<double> link_busy_us_;  // whole run, per directed link
  double straggler_sum_ = 0;
  double alltoall_sum_ = 0;
  double cross_node_bytes_ = 0;
  std::int64_t tokens_ = 0;
  int max_nodes_per_token_ = 0;
};

}  // namespace routelab::cluster
