#pragma once
// One run: a value holding its own event kernel, dispatcher, expert queues and statistics. No
// globals, so any number of runs can execute side by side (sweeps, the GUI's paired comparisons).
// The simulation only ties them together: it turns each kernel event into calls on the
// dispatcher, the queues and the statistics, and forwards what they report to the sinks.
#include <cstdint>
#include <vector>

#include "engine/dispatcher.hpp"
#include "engine/event_kernel.hpp"
#include "engine/expert_queues.hpp"
#include "engine/in_flight_tokens.hpp"
#include "engine/metrics.hpp"
#include "engine/metrics_sink.hpp"
#include "core/rng_streams.hpp"
#include "engine/overload_tracker.hpp"
#include "engine/run_statistics.hpp"
#include "engine/simulation_config.hpp"
#include "engine/step_timeline.hpp"
#include "engine/token_outcome.hpp"
#include "engine/workload.hpp"
#include "core/router.hpp"

namespace routelab {

class Simulation : private DispatchTarget {
 public:
  // The workload, the router and the sinks must outlive the simulation.
  Simulation(SimulationConfig config, Workload& workload, Router& router);
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  void add_sink(MetricsSink& sink) { sinks_.push_back(&sink); }
  // Before the run starts: the sinks see windows of `ticks` instead of the scenario's
  // metrics.window_ticks (0: the scenario's), the last one ending just after the last activity.
  // These windows are closed between kernel events, never scheduled as events, so the trajectory,
  // its fingerprint and the summary (whose windows stay the scenario's) do not change: a front
  // end may watch a run at any resolution and still report the CLI's results.
  void set_sink_window_ticks(Tick ticks);
  // Before the run starts: the deployment whose steps give the run its clock (StepTimeline). Each
  // batch's placement then goes to it instead of the service model; it must outlive the run.
  void set_step_timeline(StepTimeline& timeline);
  // Per-token outcomes; add observers before the run starts.
  void add_token_observer(TokenObserver& observer) { token_observers_.push_back(&observer); }

  bool step();        // processes one event; false once the run has finished
  bool step_batch();  // runs until one more batch has been dispatched; false once finished
  Summary run();      // runs to the end; the summary also goes to every sink's on_finish

  bool finished() const { return finished_; }
  Tick now() const { return kernel_.now(); }
  std::int64_t batches_dispatched() const { return batches_; }
  Summary summary() const;  // the figures so far (final once finished)
  // Tokens whose per-token state is held now (oldest in flight .. newest): bounded by what is in
  // flight, not by the run's length.
  std::uint64_t tokens_held() const { return tokens_.span(); }

 private:
  void start();
  void handle_batch_arrival();
  void handle_completion(ExpertId expert, std::uint64_t token);
  void handle_window_close();
  void emit_window(Tick end);
  void close_sink_windows_through(Tick now);
  void fetch_next_batch();
  void accept(ExpertId expert, std::uint64_t token) override;
  void overload_closed(const OverloadEvent& event) override;
  void start_service(ExpertId expert, std::uint64_t token);
  Tick service_time(ExpertId expert);
  void plan_step(const TokenBatch& batch, Tick now);
  void after_waiting_change(ExpertId expert);
  void emit_token_outcome(std::uint64_t token, Tick finished);
  void finish();
  void notify_finish();

  SimulationConfig config_;
  Workload& workload_;
  std::vector<MetricsSink*> sinks_;
  Tick sink_window_ticks_ = 0;  // 0: the sinks see the scenario's windows
  Tick next_sink_window_end_ = 0;
  std::vector<TokenObserver*> token_observers_;
  RngEngine service_rng_;
  EventKernel kernel_;
  ExpertQueues experts_;
  RunStatistics statistics_;
  Dispatcher dispatcher_;
  InFlightTokens tokens_;
  OverloadTracker queue_overload_;

  bool started_ = false;
  bool finished_ = false;
  TokenBatch pending_batch_;
  Tick last_activity_ = 0;
  std::int64_t batches_ = 0;
  double wall_seconds_ = 0;
  bool finish_notified_ = false;

  // The step timeline, when a deployment drives the clock (nullptr: the service model does).
  StepTimeline* timeline_ = nullptr;
  Tick step_end_ = 0;  // when the last dispatched step ends: the next batch waits for it
  std::vector<Tick> step_done_;  // per placed slot of the batch, ticks until its GPU computed it
  // Assignments that found a free server during dispatch: they start once the step is planned.
  std::vector<std::pair<ExpertId, std::uint64_t>> started_at_dispatch_;
  // Per expert, the planned completion ticks of its assignments in this step, earliest first: an
  // expert's assignments complete in its FIFO order at these ticks.
  std::vector<std::vector<Tick>> planned_done_;
  std::vector<std::size_t> planned_next_;
};

}  // namespace routelab
