#pragma once
// One router on one scenario: its runs (built by the run builder, the same runs `routelab compare`
// makes: one, or one per layer of a layered trace), the ring between the threads, the worker
// thread and the UI-side history. A router that cannot run fails alone: its session records why.
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <QString>

#include "gui/data/cluster_step_ring.hpp"
#include "gui/data/metrics_ring.hpp"
#include "gui/data/ring_metrics_sink.hpp"
#include "gui/data/run_history.hpp"
#include "gui/run/simulation_thread.hpp"
#include "scenarios/run_builder/run_builder.hpp"
#include "scenarios/run_builder/run_sequence.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab::gui {

class RunSession {
 public:
  // Throws UnknownNameError for an unknown router before any thread starts; everything else
  // (a bad parameter, a missing model or trace, training) fails on the worker thread, as failed().
  // The history's windows are `window_ticks` long (display_window.hpp); results are unaffected.
  RunSession(const RunBuilder& builder, const ScenarioSpec& scenario, const RouterSpec& router,
             std::uint64_t replication, Tick window_ticks, std::size_t detail_budget_bytes);
  ~RunSession();  // joins the thread before the runs go away

  RunSession(const RunSession&) = delete;
  RunSession& operator=(const RunSession&) = delete;

  const std::string& router_name() const { return router_name_; }
  std::uint64_t replication() const { return replication_; }
  SimulationThread& thread() { return *thread_; }
  const SimulationThread& thread() const { return *thread_; }
  RunHistory& history() { return history_; }
  const RunHistory& history() const { return history_; }
  const MetricsRing& ring() const { return ring_; }

  // UI thread: moves what the worker produced since the last call (at most `max_windows` windows)
  // into the history. Returns the number of windows, events and summaries moved.
  std::size_t drain(std::size_t max_windows = std::numeric_limits<std::size_t>::max());
  bool fully_drained() const { return ring_.pending() == 0; }

  // After the thread finished: one result per run (per layer of a layered trace).
  const std::vector<RunResult>& results() const { return runs_.results(); }
  // Set (UI thread) when the router could not run; its message says why.
  void set_failure(const QString& message) { failure_ = message; }
  const std::optional<QString>& failure() const { return failure_; }

 private:
  std::string router_name_;
  std::uint64_t replication_ = 0;
  ScenarioSpec scenario_;
  MetricsRing ring_;
  RingMetricsSink sink_;
  ClusterStepRing cluster_ring_;  // the step model's steps, with a [cluster]
  RunSequence runs_;
  RunHistory history_;
  std::unique_ptr<SimulationThread> thread_;
  std::vector<WindowRecord> drained_windows_;
  std::vector<OverloadEvent> drained_events_;
  std::optional<Summary> drained_summary_;
  std::optional<ClusterLayout> drained_layout_;
  std::vector<ClusterStepRecord> drained_steps_;
  std::optional<QString> failure_;
};

}  // namespace routelab::gui
