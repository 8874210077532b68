#pragma once
// One router on one scenario: its workload (the scenario's shared token stream), its router, the
// simulation, the ring between the threads, the worker thread and the UI-side history.
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/simulation.hpp"
#include "gui/data/metrics_ring.hpp"
#include "gui/data/ring_metrics_sink.hpp"
#include "gui/data/run_history.hpp"
#include "gui/run/simulation_thread.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab::gui {

class RunSession {
 public:
  // Throws the core's typed errors (unknown router, bad configuration) before any thread starts.
  RunSession(const ScenarioSpec& scenario, const RouterSpec& router, std::uint64_t replication,
             const RouterRegistry& registry, std::size_t detail_budget_bytes);
  ~RunSession();  // joins the thread before the simulation goes away

  RunSession(const RunSession&) = delete;
  RunSession& operator=(const RunSession&) = delete;

  const std::string& router_name() const { return router_name_; }
  SimulationThread& thread() { return *thread_; }
  const SimulationThread& thread() const { return *thread_; }
  RunHistory& history() { return history_; }
  const RunHistory& history() const { return history_; }
  const MetricsRing& ring() const { return ring_; }

  // UI thread: moves what the worker produced since the last call (at most `max_windows` windows)
  // into the history. Returns the number of windows, events and summaries moved.
  std::size_t drain(std::size_t max_windows = std::numeric_limits<std::size_t>::max());
  bool fully_drained() const { return ring_.pending() == 0; }

 private:
  std::string router_name_;
  std::unique_ptr<Workload> workload_;
  std::unique_ptr<Router> router_;
  std::unique_ptr<Simulation> simulation_;
  MetricsRing ring_;
  RingMetricsSink sink_;
  RunHistory history_;
  std::unique_ptr<SimulationThread> thread_;
  std::vector<WindowRecord> drained_windows_;
  std::vector<OverloadEvent> drained_events_;
  std::optional<Summary> drained_summary_;
};

}  // namespace routelab::gui
