#include "engine/run_statistics.hpp"

#include <algorithm>
#include <numeric>

namespace routelab {

RunStatistics::RunStatistics(const SimulationConfig& config, const ExpertQueues& experts)
    : config_(config), experts_(experts), latencies_(config.percentiles) {
  const auto n = static_cast<std::size_t>(config.num_experts);
  expert_load_.assign(n, 0);
  expert_served_.assign(n, 0);
  window_arrivals_.assign(n, 0);
  summary_window_arrivals_.assign(n, 0);
  window_drops_.assign(n, 0);
  window_accepted_.assign(n, 0);
  window_served_.assign(n, 0);
  window_peak_queue_.assign(n, 0);
  window_busy_area_.assign(n, 0.0);
  window_utilization_.assign(n, 0.0);
  busy_since_.assign(n, 0);
}

void RunStatistics::advance_to(Tick t) {
  const auto dt = static_cast<double>(t - area_tick_);
  waiting_area_ += static_cast<double>(total_waiting_) * dt;
  in_system_area_ += static_cast<double>(total_waiting_ + total_busy_) * dt;
  busy_area_total_ += static_cast<double>(total_busy_) * dt;
  area_tick_ = t;
}

const LoadWindow& RunStatistics::close_window(Tick now) {
  const double capacity_ticks = static_cast<double>(config_.servers_per_expert) * static_cast<double>(now - window_start_);
  for (ExpertId e = 0; e < config_.num_experts; ++e) {
    before_expert_change(e, now);
    window_utilization_[e] = window_busy_area_[e] / capacity_ticks;
  }
  window_ = LoadWindow{.index = window_index_, .start = window_start_, .end = now, .arrivals = window_arrivals_,
                       .drops = window_drops_, .peak_queue = window_peak_queue_, .utilization = window_utilization_,
                       .completed_latencies = window_latencies_, .accepted = window_accepted_,
                       .served = window_served_};
  window_.figures = compute_window_figures(window_arrivals_, window_drops_, window_peak_queue_, window_utilization_,
                                           window_latencies_, latency_scratch_);
  return window_;
}

void RunStatistics::close_summary_window() {
  ++summary_windows_;
  const std::int64_t arrivals = std::accumulate(summary_window_arrivals_.begin(), summary_window_arrivals_.end(), std::int64_t{0});
  if (arrivals > 0) window_max_over_mean_.push_back(max_over_mean(summary_window_arrivals_));
  std::fill(summary_window_arrivals_.begin(), summary_window_arrivals_.end(), 0);
}

void RunStatistics::open_next_window(Tick now) {
  ++window_index_;
  window_start_ = now;
  window_latencies_.clear();
  std::fill(window_arrivals_.begin(), window_arrivals_.end(), 0);
  std::fill(window_drops_.begin(), window_drops_.end(), 0);
  std::fill(window_accepted_.begin(), window_accepted_.end(), 0);
  std::fill(window_served_.begin(), window_served_.end(), 0);
  std::fill(window_busy_area_.begin(), window_busy_area_.end(), 0.0);
  for (ExpertId e = 0; e < config_.num_experts; ++e) window_peak_queue_[e] = experts_.waiting(e);
}

Summary RunStatistics::summary(Tick end_tick) const {
  Summary s;
  s.tokens = tokens_;
  s.tokens_completed = latencies_.count();
  s.tokens_unserved = tokens_unserved_;
  s.assignments = assignments_;
  s.assignments_dropped = dropped_;
  s.assignments_rerouted = rerouted_;
  s.overload_events = overload_events_;
  s.windows = summary_windows_;
  s.end_tick = end_tick;
  s.expert_load = expert_load_;
  s.expert_served = expert_served_;
  s.load_max_over_mean = max_over_mean(expert_load_);
  s.load_cv = coefficient_of_variation(expert_load_);
  s.load_gini = gini(expert_load_);
  s.load_entropy = normalized_entropy(expert_load_);
  if (!window_max_over_mean_.empty()) {
    s.window_max_over_mean_mean =
        std::accumulate(window_max_over_mean_.begin(), window_max_over_mean_.end(), 0.0) /
        static_cast<double>(window_max_over_mean_.size());
    s.window_max_over_mean_p99 = percentile(window_max_over_mean_, 0.99);
  }
  if (assignments_ > 0) s.drop_rate = static_cast<double>(dropped_) / static_cast<double>(assignments_);
  if (s.tokens > 0) s.fill_ratio = static_cast<double>(assignments_) / (static_cast<double>(s.tokens) * config_.k);

  const auto span = static_cast<double>(end_tick);
  if (span > 0) {
    s.utilization = busy_area_total_ / (span * config_.servers_per_expert * config_.num_experts);
    s.mean_waiting = waiting_area_ / span;
    s.mean_in_system = in_system_area_ / span;
    s.accepted_rate = static_cast<double>(accepted_) / span;
    s.arrival_rate = static_cast<double>(s.tokens) / span;
  }
  if (accepted_ > 0) {
    s.mean_wait = wait_sum_ / static_cast<double>(accepted_);
    s.mean_sojourn = sojourn_sum_ / static_cast<double>(accepted_);
  }
  const LatencyFigures latency = latencies_.figures();
  if (latency.count > 0) {
    s.latency_mean = latency.mean;
    s.latency_p50 = latency.p50;
    s.latency_p95 = latency.p95;
    s.latency_p99 = latency.p99;
    s.latency_max = latency.max;
  }
  return s;
}

}  // namespace routelab
