#include "gui/run/run_session.hpp"

namespace routelab::gui {

RunSession::RunSession(const RunBuilder& builder, const ScenarioSpec& scenario, const RouterSpec& router,
                       std::uint64_t replication, Tick window_ticks, std::size_t detail_budget_bytes)
    : router_name_((builder.registry().find(router.name), router.name)),
      replication_(replication),
      scenario_(scenario),
      sink_(ring_),
      runs_(builder, scenario_, router_runs(scenario_, router, replication), &sink_, window_ticks),
      history_(router.name, scenario.simulation.num_experts, window_ticks, detail_budget_bytes) {
  thread_ = std::make_unique<SimulationThread>(runs_, sink_);
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
