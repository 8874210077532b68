#include "gui/run/run_session.hpp"

#include <utility>

#include "gui/run/display_window.hpp"

namespace routelab::gui {

RunSession::RunSession(const RunBuilder& builder, const ScenarioSpec& scenario, const RouterSpec& router,
                       std::uint64_t replication, Tick window_ticks, std::size_t detail_budget_bytes)
    : router_name_((builder.registry().find(router.name), router.name)),
      replication_(replication),
      scenario_(scenario),
      sink_(ring_),
      runs_(builder, scenario_, router_runs(scenario_, router, replication), &sink_, window_ticks),
      history_(router.name, scenario.simulation.num_experts, window_ticks, detail_budget_bytes) {
  if (scenario_.cluster.enabled) {
    history_.enable_cluster(cluster_window_span(scenario_, history_.window_ticks()));
    runs_.set_cluster_listener(&cluster_ring_);
  }
  thread_ = std::make_unique<SimulationThread>(runs_, sink_);
  thread_->start();
}

RunSession::~RunSession() { thread_.reset(); }

std::size_t RunSession::drain(std::size_t max_windows) {
  ring_.drain(drained_windows_, drained_events_, drained_summary_, max_windows);
  for (const WindowRecord& record : drained_windows_) history_.append(record);
  for (const OverloadEvent& event : drained_events_) history_.add_event(event);
  if (drained_summary_) history_.set_summary(*drained_summary_);
  std::size_t steps = 0;
  if (ClusterHistory* cluster = history_.cluster()) {
    // After the windows: every step of a window the history now holds was handed over before the
    // window closed (one worker thread), so it is in this drain or an earlier one.
    cluster_ring_.drain(drained_layout_, drained_steps_);
    if (drained_layout_) cluster->set_layout(*std::exchange(drained_layout_, std::nullopt));
    for (const ClusterStepRecord& step : drained_steps_) cluster->add_step(step);
    cluster->close_through(history_.windows(), history_.finished());
    steps = drained_steps_.size();
  }
  return drained_windows_.size() + drained_events_.size() + (drained_summary_ ? 1 : 0) + steps;
}

}  // namespace routelab::gui
