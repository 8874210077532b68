#pragma once
// The statistics of one run: whole-run counters, time averages, the current window and the
// latency distribution. The simulation tells it what happened; it computes every figure once --
// the per-window figures each sink receives and the Summary. Its memory does not grow with the
// run's length (one small record per window for the summary's max/mean over windows, and the
// latencies only in exact mode).
#include <cstdint>
#include <vector>

#include "engine/expert_queues.hpp"
#include "engine/latency_distribution.hpp"
#include "engine/metrics.hpp"
#include "engine/simulation_config.hpp"
#include "engine/window_figures.hpp"

namespace routelab {

class RunStatistics {
 public:
  // `experts` must outlive the statistics; they read its busy and waiting counts.
  RunStatistics(const SimulationConfig& config, const ExpertQueues& experts);

  // Time averages: the counts held since the last call, over [last, t).
  void advance_to(Tick t);

  void tokens_admitted(std::int64_t n) { tokens_ += n; }
  void token_unserved() { ++tokens_unserved_; }
  void token_completed(std::int64_t latency) {
    latencies_.add(latency);
    window_latencies_.push_back(latency);
  }
  void assignment_routed(ExpertId expert) {
    ++assignments_;
    ++expert_load_[expert];
    ++window_arrivals_[expert];
    ++summary_window_arrivals_[expert];
  }
  void assignment_dropped(ExpertId expert) {
    ++dropped_;
    ++window_drops_[expert];
  }
  void assignment_rerouted() { ++rerouted_; }
  void overload_event() { ++overload_events_; }

  // An expert's queues change at `now`: call before (busy server-ticks so far), then after with
  // whether the assignment started service at once.
  void before_expert_change(ExpertId expert, Tick now) {
    window_busy_area_[expert] += static_cast<double>(experts_.busy(expert) * (now - busy_since_[expert]));
    busy_since_[expert] = now;
  }
  void assignment_accepted(ExpertId expert, bool started) {
    ++accepted_;
    ++expert_served_[expert];
    ++window_accepted_[expert];
    if (started) {
      ++total_busy_;
    } else {
      ++total_waiting_;
      window_peak_queue_[expert] = std::max(window_peak_queue_[expert], experts_.waiting(expert));
    }
  }
  void service_started(Tick waited) { wait_sum_ += static_cast<double>(waited); }
  void assignment_completed(ExpertId expert, Tick sojourn, bool next_started) {
    sojourn_sum_ += static_cast<double>(sojourn);
    ++window_served_[expert];
    if (next_started) {
      --total_waiting_;
    } else {
      --total_busy_;
    }
  }

  // Closes the window the sinks see, [end of the previous one, now): its view (valid until
  // open_next_window) with its figures; utilization is over the window's own length, so a short
  // last window is not diluted.
  const LoadWindow& close_window(Tick now);
  void open_next_window(Tick now);
  std::int64_t windows() const { return window_index_; }

  // Closes a window of the scenario's own length (metrics.window_ticks), the one the summary's
  // `windows` and max/mean over windows count. It is the sinks' window too unless the front end
  // asked for another length (Simulation::set_sink_window_ticks), so the summary does not
  // depend on how finely a front end watches the run.
  void close_summary_window();

  // The summary's figures (without the kernel's: events, fingerprint, batches, wall clock).
  // `end_tick` is the last activity.
  Summary summary(Tick end_tick) const;

 private:
  const SimulationConfig& config_;
  const ExpertQueues& experts_;

  std::int64_t tokens_ = 0;
  std::int64_t tokens_unserved_ = 0;
  LatencyDistribution latencies_;
  std::vector<std::int64_t> expert_load_;
  std::vector<std::int64_t> expert_served_;
  std::int64_t assignments_ = 0;
  std::int64_t dropped_ = 0;
  std::int64_t rerouted_ = 0;
  std::int64_t accepted_ = 0;
  std::int64_t overload_events_ = 0;
  double wait_sum_ = 0;
  double sojourn_sum_ = 0;
  std::int64_t total_waiting_ = 0;
  std::int64_t total_busy_ = 0;
  double waiting_area_ = 0;
  double in_system_area_ = 0;
  double busy_area_total_ = 0;
  Tick area_tick_ = 0;

  // Current window.
  std::int64_t window_index_ = 0;
  std::vector<std::int64_t> window_latencies_;  // tokens completed in the window, in order
  std::vector<std::int64_t> window_arrivals_;
  std::vector<std::int64_t> window_drops_;
  std::vector<std::int64_t> window_accepted_;  // at the expert that took the assignment
  std::vector<std::int64_t> window_served_;    // service completions
  std::vector<std::int64_t> window_peak_queue_;
  std::vector<double> window_busy_area_;
  std::vector<Tick> busy_since_;
  std::vector<double> window_utilization_;
  std::vector<std::int64_t> latency_scratch_;
  LoadWindow window_;
  Tick window_start_ = 0;

  // The current window of the scenario's length, and the max/mean of every such window with
  // arrivals, for the summary's `windows` and mean and p99 over windows.
  std::vector<std::int64_t> summary_window_arrivals_;
  std::int64_t summary_windows_ = 0;
  std::vector<double> window_max_over_mean_;
};

}  // namespace routelab
