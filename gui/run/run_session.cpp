#include "gui/run/run_session.hpp"

#include "scenarios/scenario_runner.hpp"

namespace routelab::gui {

RunSession::RunSession(const ScenarioSpec& scenario, const RouterSpec& router, std::uint64_t replication,
                       const RouterRegistry& registry, std::size_t detail_budget_bytes)
    : router_name_(router.name),
      workload_(make_workload(scenario, replication)),
      router_(registry.create(make_router_config(scenario, router, replication))),
      sink_(ring_),
      history_(router.name, scenario.simulation.num_experts, scenario.simulation.window_ticks, detail_budget_bytes) {
  // The same construction as run_scenario(), so a GUI run reproduces the CLI's run exactly.
  SimulationConfig config = scenario.simulation;
  config.replication = replication;
  simulation_ = std::make_unique<Simulation>(config, *workload_, *router_);
  simulation_->add_sink(sink_);
  thread_ = std::make_unique<SimulationThread>(*simulation_, sink_);
  thread_->start();
}

RunSession::~RunSession() { thread_.reset(); }

std::size_t RunSession::drain(std::size_t max_windows) {
  ring_.drain(drained_windows_, drained_events_, drained_summary_, max_windows);
  for (const WindowRecord& record : drained_windows_) history_.append(record);
  for (const OverloadEvent& event : drained_events_) history_.add_event(event);
  if (drained_summary_) history_.set_summary(*drained_summary_);
  return drained_windows_.size() + drained_events_.size() + (drained_summary_ ? 1 : 0);
}

}  // namespace routelab::gui
