#pragma once
// One run: a value holding its own clock, event queue, expert queues and metrics. No globals, so
// any number of runs can execute side by side (sweeps, the GUI's paired comparisons).
#include <cstdint>
#include <vector>

#include "engine/event_queue.hpp"
#include "engine/expert_queues.hpp"
#include "engine/metrics.hpp"
#include "engine/metrics_sink.hpp"
#include "core/rng_streams.hpp"
#include "engine/simulation_config.hpp"
#include "engine/token_outcome.hpp"
#include "engine/workload.hpp"
#include "core/router.hpp"

namespace routelab {

class Simulation {
 public:
  // The workload, the router and the sinks must outlive the simulation.
  Simulation(SimulationConfig config, Workload& workload, Router& router);

  void add_sink(MetricsSink& sink) { sinks_.push_back(&sink); }
  // Per-token outcomes; add observers before the run starts.
  void add_token_observer(TokenObserver& observer) { token_observers_.push_back(&observer); }

  bool step();        // processes one event; false once the run has finished
  bool step_batch();  // runs until one more batch has been dispatched; false once finished
  Summary run();      // runs to the end; the summary also goes to every sink's on_finish

  bool finished() const { return finished_; }
  Tick now() const { return now_; }
  std::int64_t batches_dispatched() const { return batches_; }
  Summary summary() const;  // the figures so far (final once finished)

 private:
  enum class EventKind : std::uint64_t { window_close = 0, service_completion = 1, batch_arrival = 2 };

  void start();
  void handle_batch_arrival();
  void handle_completion(ExpertId expert, std::uint64_t token);
  void handle_window_close();
  void fetch_next_batch();
  void accept(ExpertId expert, std::uint64_t token);
  void start_service(ExpertId expert, std::uint64_t token);
  void account_time(Tick t);
  void touch_busy(ExpertId expert);
  void after_waiting_change(ExpertId expert);
  void track_capacity_overload(ExpertId expert, std::int64_t arrivals, std::int32_t capacity);
  void emit_event(const OverloadEvent& event);
  void emit_token_outcome(std::uint64_t token, Tick finished);
  void finish();
  void notify_finish();

  SimulationConfig config_;
  Workload& workload_;
  Router& router_;
  std::vector<MetricsSink*> sinks_;
  std::vector<TokenObserver*> token_observers_;
  RngEngine service_rng_;
  EventQueue queue_;
  ExpertQueues experts_;
  int depth_ = 1;

  bool started_ = false;
  bool finished_ = false;
  bool has_pending_batch_ = false;
  TokenBatch pending_batch_;
  Tick now_ = 0;
  Tick last_activity_ = 0;
  std::uint64_t fingerprint_ = 0xcbf29ce484222325ULL;
  std::int64_t events_ = 0;
  std::int64_t batches_ = 0;

  // Per token (index = position in the stream).
  std::vector<Tick> token_arrival_;
  std::vector<Tick> token_dispatch_;  // the batch's tick: waits and sojourns at experts start here
  std::vector<std::int32_t> token_remaining_;
  std::vector<std::int64_t> latencies_;
  std::int64_t tokens_unserved_ = 0;
  // Kept only while a token observer is attached.
  std::vector<std::uint64_t> token_ids_;
  std::vector<std::int32_t> token_assignments_;
  std::vector<std::int32_t> token_dropped_;

  // Per batch scratch.
  std::vector<ExpertId> routes_;
  std::vector<std::int32_t> capacity_;
  std::vector<std::int32_t> used_;
  std::vector<std::int64_t> batch_arrivals_;
  std::vector<ExpertId> taken_;
  std::vector<ExpertId> placed_;  // tokens x k: accepting expert per assignment (sinks' on_batch_placed)

  // Whole-run counters.
  std::vector<std::int64_t> outstanding_;
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
  std::size_t window_first_latency_ = 0;  // latencies_[this..] completed in the current window
  std::vector<std::int64_t> window_arrivals_;
  std::vector<std::int64_t> window_drops_;
  std::vector<std::int64_t> window_peak_queue_;
  std::vector<double> window_busy_area_;
  std::vector<Tick> busy_since_;
  std::vector<double> window_utilization_;
  std::vector<double> window_max_over_mean_;

  // Open overload events per expert (start < 0 when closed).
  std::vector<OverloadEvent> open_queue_overload_;
  std::vector<OverloadEvent> open_capacity_overload_;

  double wall_seconds_ = 0;
  bool finish_notified_ = false;
};

}  // namespace routelab
