#include "cluster/cluster_observer.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "core/errors.hpp"
#include "engine/tick_limits.hpp"

namespace routelab::cluster {

void ClusterObserver::on_batch_placed(const TokenBatch& batch, std::span<const ExpertId> placed, int k) {
  if (!model_.spec().drives_timeline()) observe(batch, batch.tick, placed, k);  // dispatched on arrival
}

Tick ClusterObserver::plan_step(const TokenBatch& batch, Tick start, std::span<const ExpertId> placed, int k,
                                std::vector<Tick>& done) {
  const double tick_us = model_.spec().tick_us;
  const auto ticks = [&](double us) {
    const double t = std::ceil(us / tick_us);
    if (!(t <= static_cast<double>(kMaxServiceTicks)))
      throw Error("cluster.tick_us: a step of " + std::to_string(us) + " us is more than 2^40 ticks of " +
                  std::to_string(tick_us) + " us");
    return std::max<Tick>(1, static_cast<Tick>(t));
  };
  done.assign(placed.size(), 0);
  if (batch.tokens.empty()) return 1;
  const StepFigures step = observe(batch, start, placed, k);
  schedule_.schedule(step, placed, model_.assignment_gpus(), done_us_);
  const Tick length = ticks(step.step_us);
  for (std::size_t slot = 0; slot < placed.size(); ++slot)
    if (placed[slot] >= 0) done[slot] = std::min(length, ticks(done_us_[slot]));
  return length;
}

StepFigures ClusterObserver::observe(const TokenBatch& batch, Tick start, std::span<const ExpertId> placed, int k) {
  if (batch.tokens.empty()) return {};
  const StepFigures step = model_.step(batch.tokens.size(), placed, k);
  step_times_.push_back(step.step_us);
  gpu_tokens_.push_back(step.gpu_tokens);
  straggler_sum_ += step.mean_compute_us > 0 ? step.compute_us / step.mean_compute_us : 1.0;
  alltoall_sum_ += step.dispatch_us + step.combine_us;
  cross_node_bytes_ += step.cross_node_bytes;
  tokens_ += static_cast<std::int64_t>(batch.tokens.size());
  max_nodes_per_token_ = std::max(max_nodes_per_token_, step.max_nodes_per_token);
  if (link_busy_us_.empty()) link_busy_us_.assign(step.link_busy_us.size(), 0.0);
  for (std::size_t l = 0; l < link_busy_us_.size(); ++l) link_busy_us_[l] += step.link_busy_us[l];
  if (listener_) listener_->on_step(start, step);
  return step;
}

void ClusterObserver::set_step_listener(ClusterStepListener* listener) {
  listener_ = listener;
  if (listener_) listener_->on_topology(model_.topology());
}

ClusterFigures ClusterObserver::figures() const {
  ClusterFigures f;
  const auto steps = static_cast<double>(step_times_.size());
  if (step_times_.empty()) return f;
  const double total_us = std::accumulate(step_times_.begin(), step_times_.end(), 0.0);
  f.step_time_mean = total_us / steps;
  f.step_time_p50 = percentile(step_times_, 0.50);
  f.step_time_p99 = percentile(step_times_, 0.99);
  f.straggler_ratio = straggler_sum_ / steps;
  f.alltoall_time_mean = alltoall_sum_ / steps;
  f.cross_node_bytes_per_token = tokens_ > 0 ? cross_node_bytes_ / static_cast<double>(tokens_) : 0;
  if (total_us > 0) {
    const double busiest = link_busy_us_.empty() ? 0 : *std::max_element(link_busy_us_.begin(), link_busy_us_.end());
    f.link_utilization_max = busiest / total_us;
    f.cluster_tokens_per_second = static_cast<double>(tokens_) / (total_us * 1e-6);
  }
  return f;
}

}  // namespace routelab::cluster
