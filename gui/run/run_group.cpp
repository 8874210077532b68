#include "gui/run/run_group.hpp"

#include <algorithm>
#include <limits>

#include "gui/run/display_window.hpp"
#include "scenarios/traces/trace_loader.hpp"

namespace routelab::gui {

RunGroup::RunGroup(const RunBuilder& builder, const ScenarioSpec& scenario, const std::vector<RouterSpec>& routers,
                   std::uint64_t replication, Tick window_ticks, std::size_t detail_budget_bytes, QObject* parent)
    : QObject(parent), scenario_(scenario), replication_(replication) {
  for (const RouterSpec& router : routers) builder.registry().find(router.name);  // unknown names fail before any thread
  load_trace_data(scenario_);  // once, shared by every session (a layered trace needs its layers)
  window_ticks_ = display_window_ticks(scenario_, window_ticks);
  for (const RouterSpec& router : routers) {
    sessions_.push_back(
        std::make_unique<RunSession>(builder, scenario_, router, replication, window_ticks_, detail_budget_bytes));
    RunSession* session = sessions_.back().get();
    SimulationThread* thread = &session->thread();
    connect(thread, &SimulationThread::finished_run, this, &RunGroup::on_session_finished, Qt::QueuedConnection);
    connect(
        thread, &SimulationThread::failed, this,
        [this, session](const QString& message) { on_session_failed(session, message); }, Qt::QueuedConnection);
    connect(thread, &SimulationThread::paused_at_overload, this, &RunGroup::on_paused_at_overload,
            Qt::QueuedConnection);
  }
  poll_timer_.setInterval(kPollIntervalMs);
  connect(&poll_timer_, &QTimer::timeout, this, [this] {
    if (aligning_ && align_paused_runs()) aligning_ = false;
    if (poll()) emit data_arrived(!fast_mode());
  });
  poll_timer_.start();
}

RunGroup::~RunGroup() {
  for (auto& session : sessions_) session->thread().stop();
  sessions_.clear();
}

std::vector<RunSession*> RunGroup::sessions() const {
  std::vector<RunSession*> out;
  for (const auto& session : sessions_) out.push_back(session.get());
  return out;
}

std::vector<const RunHistory*> RunGroup::histories() const {
  std::vector<const RunHistory*> out;
  for (const auto& session : sessions_) out.push_back(&session->history());
  return out;
}

bool RunGroup::all_finished() const {
  for (const auto& session : sessions_)
    if (!session->thread().run_finished()) return false;
  return true;
}

std::int64_t RunGroup::batches() const {
  std::int64_t most = 0;
  for (const auto& session : sessions_) most = std::max(most, session->thread().batches());
  return most;
}

bool RunGroup::poll(bool everything) {
  const std::size_t cap = everything || fast_mode() ? std::numeric_limits<std::size_t>::max() : kMaxWindowsPerPoll;
  std::size_t moved = 0;
  for (auto& session : sessions_) moved += session->drain(cap);
  return moved > 0;
}

void RunGroup::broadcast_mode(RunMode mode) {
  mode_ = mode;
  aligning_ = false;
  for (auto& session : sessions_) session->thread().set_mode(mode);
  if (state_ != GroupState::finished && state_ != GroupState::failed)
    set_state(mode == RunMode::paused ? GroupState::paused : GroupState::running);
}

void RunGroup::run() { broadcast_mode(RunMode::running); }
void RunGroup::pause() { broadcast_mode(RunMode::paused); }
void RunGroup::fast() { broadcast_mode(RunMode::fast); }
void RunGroup::run_until_overload() { broadcast_mode(RunMode::until_overload); }

void RunGroup::step() {
  mode_ = RunMode::paused;
  aligning_ = false;
  for (auto& session : sessions_) session->thread().step_once();
  if (state_ == GroupState::running) set_state(GroupState::paused);
}

void RunGroup::set_batches_per_second(double rate) {
  for (auto& session : sessions_) session->thread().set_batches_per_second(rate);
}

void RunGroup::on_paused_at_overload() {
  // One run met an overload: stop the others too. They ran on while the news travelled, so once
  // every run has stopped, the ones behind run up to the furthest: the stacked views stay aligned
  // on one batch count, as Step keeps them.
  if (mode_ != RunMode::until_overload) return;
  broadcast_mode(RunMode::paused);
  aligning_ = true;
}

bool RunGroup::align_paused_runs() {
  std::int64_t furthest = 0;
  for (const auto& session : sessions_) {
    const SimulationThread& thread = session->thread();
    if (!thread.run_finished() && !thread.idle()) return false;  // still finishing a batch
    furthest = std::max(furthest, thread.batches());
  }
  for (auto& session : sessions_) {
    SimulationThread& thread = session->thread();
    if (!thread.run_finished() && thread.batches() < furthest) thread.step_more(furthest - thread.batches());
  }
  return true;
}

void RunGroup::on_session_finished() {
  if (!all_finished() || finish_reported_) return;
  finish_reported_ = true;
  poll(true);  // the last windows and the summary were pushed before the thread said it finished
  bool any_ran = false;
  for (const auto& session : sessions_) any_ran = any_ran || !session->failure();
  set_state(any_ran ? GroupState::finished : GroupState::failed);
  emit data_arrived(true);
  if (any_ran) {
    emit finished();
  } else {
    emit failed(failure_);
  }
}

void RunGroup::on_session_failed(RunSession* session, const QString& message) {
  const QString line = QString("router '%1' did not run: %2").arg(QString::fromStdString(session->router_name()), message);
  session->set_failure(message);
  failure_ += (failure_.isEmpty() ? "" : "\n") + line;
  emit router_failed(line);
  on_session_finished();  // the failed thread counts as done
}

void RunGroup::set_state(GroupState state) {
  if (state_ == state) return;
  state_ = state;
  emit state_changed();
}

}  // namespace routelab::gui
