#pragma once
// Runs the step model on every dispatched batch of a simulation and sums the steps into the run's
// ClusterFigures. Without cluster.tick_us it is a MetricsSink that only watches; with it, it is the
// run's StepTimeline (engine/step_timeline.hpp): its steps give the run its clock.
#include <memory>
#include <vector>

#include "cluster/step_compute_schedule.hpp"
#include "cluster/cluster_step_listener.hpp"
#include "cluster/step_model.hpp"
#include "engine/metrics.hpp"
#include "engine/metrics_sink.hpp"
#include "engine/step_timeline.hpp"

namespace routelab::cluster {

class ClusterObserver : public MetricsSink, public StepTimeline {
 public:
  ClusterObserver(const ClusterSpec& spec, int num_experts) : model_(spec, num_experts), schedule_(spec, num_experts) {}

  // Watching only: under a step timeline plan_step sees every batch instead.
  void on_batch_placed(const TokenBatch& batch, std::span<const ExpertId> placed, int k) override;
  // Throws Error when a step is longer than the engine's limit on one service time, in ticks.
  Tick plan_step(const TokenBatch& batch, Tick start, std::span<const ExpertId> placed, int k,
                 std::vector<Tick>& done) override;

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
  // `start`: the step's tick (its batch's dispatch), as the step listener sees it.
  StepFigures observe(const TokenBatch& batch, Tick start, std::span<const ExpertId> placed, int k);

  StepModel model_;
  StepComputeSchedule schedule_;
  std::vector<double> done_us_;
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
