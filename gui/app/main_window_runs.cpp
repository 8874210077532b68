// MainWindow: starting, controlling and showing the runs.
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QStatusBar>

#include <exception>

#include "core/errors.hpp"
#include "gui/app/main_window.hpp"
#include "gui/app/run_toolbar.hpp"
#include "gui/app/scenario_panel.hpp"
#include "gui/events/event_panel.hpp"
#include "gui/events/overload_event_model.hpp"
#include "gui/views/plot_stack.hpp"
#include "gui/views/time_axis.hpp"

namespace routelab::gui {

namespace {
constexpr const char* kDetailBudgetKey = "history/detail_budget_mib";
}  // namespace

void MainWindow::discard_runs() {
  // Views and the event table point into the runs' histories: detach them first.
  plot_stack_->set_runs({});
  event_model_->set_runs({});
  group_.reset();
  axis_->reset();
  on_state_changed();
}

bool MainWindow::start_runs(const ScenarioSpec& scenario, const std::vector<std::string>& routers,
                            std::uint64_t replication, QString* error) {
  discard_runs();
  std::vector<RouterSpec> specs;
  for (const std::string& name : routers) {
    RouterSpec spec{name, {}};
    for (const RouterSpec& own : scenario.routers)  // the scenario's parameters for a router it lists
      if (own.name == name) spec = own;
    specs.push_back(spec);
  }
  try {
    if (specs.empty()) throw Error("select at least one router");
    const QSettings settings;
    const auto budget_mib = settings.value(kDetailBudgetKey, static_cast<qulonglong>(RunHistory::kDefaultDetailBudgetBytes >> 20)).toULongLong();
    group_ = std::make_unique<RunGroup>(builder_, scenario, specs, replication, run_toolbar_->run_settings().window_ticks,
                                        static_cast<std::size_t>(budget_mib) << 20);
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
  group_->set_batches_per_second(run_toolbar_->batches_per_second());
  run_toolbar_->show_window_in_use(group_->window_ticks());
  axis_->set_window_ticks(group_->window_ticks());
  connect(group_.get(), &RunGroup::data_arrived, this, &MainWindow::on_data_arrived);
  connect(group_.get(), &RunGroup::state_changed, this, &MainWindow::on_state_changed);
  connect(group_.get(), &RunGroup::finished, this, &MainWindow::runs_finished);
  connect(group_.get(), &RunGroup::router_failed, this, [this](const QString& message) {
    statusBar()->showMessage(message, 10000);
    emit router_failed(message);
  });
  connect(group_.get(), &RunGroup::failed, this, [this](const QString& message) {
    show_error("Run failed", message);
    emit runs_failed(message);
  });
  const auto histories = group_->histories();
  plot_stack_->set_runs(histories);
  event_model_->set_runs(histories);
  QStringList names;
  for (const auto* history : histories) names << QString::fromStdString(history->label());
  event_panel_->set_run_names(names);
  setWindowTitle(QString("routelab - %1 - %2").arg(QString::fromStdString(scenario.name), names.join(" vs ")));
  selection_dirty_ = false;
  on_state_changed();
  emit runs_started();
  return true;
}

bool MainWindow::start_from_selection(QString* error) {
  try {
    const RunSettings settings = run_toolbar_->run_settings();
    const ScenarioSpec scenario = with_seed(scenario_panel_->current_scenario(), settings);
    std::vector<std::string> routers;
    for (const QString& name : scenario_panel_->selected_routers()) routers.push_back(name.toStdString());
    return start_runs(scenario, routers, settings.replication, error);
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
}

bool MainWindow::ensure_group() {
  const bool reusable = group_ && !selection_dirty_ &&
                        (group_->state() == GroupState::paused || group_->state() == GroupState::running);
  if (reusable) return true;
  QString error;
  if (start_from_selection(&error)) return true;
  show_error("Cannot start the run", error);
  return false;
}

void MainWindow::connect_run_controls() {
  connect(run_toolbar_->run_action(), &QAction::triggered, this, [this] {
    cursor_to_newest_ = false;
    if (ensure_group()) group_->run();
  });
  connect(run_toolbar_->pause_action(), &QAction::triggered, this, [this] {
    if (group_) group_->pause();
  });
  connect(run_toolbar_->step_action(), &QAction::triggered, this, [this] {
    cursor_to_newest_ = true;
    if (ensure_group()) group_->step();
  });
  connect(run_toolbar_->fast_action(), &QAction::triggered, this, [this] {
    cursor_to_newest_ = false;
    if (ensure_group()) group_->fast();
  });
  connect(run_toolbar_->until_overload_action(), &QAction::triggered, this, [this] {
    cursor_to_newest_ = true;
    if (ensure_group()) group_->run_until_overload();
  });
  connect(run_toolbar_->reset_action(), &QAction::triggered, this, &MainWindow::discard_runs);
  connect(run_toolbar_, &RunToolbar::speed_changed, this, [this](double rate) {
    if (group_) group_->set_batches_per_second(rate);
  });
  connect(run_toolbar_, &RunToolbar::run_settings_changed, this, &MainWindow::restart_with_new_settings);
}

void MainWindow::restart_with_new_settings() {
  // A new window length, seed or replication is another run: start it afresh from the selection,
  // running again if the old one was running.
  if (!group_) return;
  const bool was_running = group_->state() == GroupState::running;
  const bool was_fast = group_->fast_mode();
  QString error;
  if (!start_from_selection(&error)) {
    show_error("Cannot start the run", error);
    return;
  }
  if (was_fast) {
    group_->fast();
  } else if (was_running) {
    group_->run();
  }
}

void MainWindow::on_data_arrived(bool repaint) {
  if (repaint) {
    plot_stack_->refresh();
    event_model_->sync();
    if (cursor_to_newest_) show_newest_window();
  }
  update_status();
}

void MainWindow::show_newest_window() {
  // After Step or Until-overload the cursor marks the newest window, and a zoomed-in view that has
  // lost sight of it moves there (keeping its zoom), so each step is seen.
  if (axis_->extent() == 0) return;
  const double newest = static_cast<double>(axis_->extent()) - 0.5;
  if (!axis_->following() && (newest < axis_->first() || newest > axis_->last())) {
    axis_->jump_to(newest, axis_->highlighted_expert());
  }
  axis_->set_cursor(newest);
}

void MainWindow::on_state_changed() {
  run_toolbar_->set_state(group_ != nullptr, group_ ? group_->state() : GroupState::paused);
  update_status();
}

void MainWindow::update_status() {
  if (!group_) {
    status_label_->setText("Pick a scenario and routers, then Run (F5) or Step (F10).");
    return;
  }
  QString state;
  switch (group_->state()) {
    case GroupState::paused: state = "paused"; break;
    case GroupState::running: state = group_->fast_mode() ? "running fast (repaint when done)" : "running"; break;
    case GroupState::finished: state = group_->failure().isEmpty() ? "finished" : "finished, some routers failed"; break;
    case GroupState::failed: state = "failed: " + group_->failure(); break;
  }
  QStringList runs;
  for (RunSession* session : group_->sessions()) {
    const RunHistory& history = session->history();
    if (session->failure()) {
      runs << QString("%1: did not run (%2)").arg(QString::fromStdString(history.label()), *session->failure());
      continue;
    }
    runs << QString("%1: %2 batches, %3 windows, %4 overloads")
                .arg(QString::fromStdString(history.label()))
                .arg(session->thread().batches())
                .arg(history.windows())
                .arg(history.events().size());
  }
  status_label_->setText(state + "  |  " + runs.join("  |  "));
}

void MainWindow::apply_selected_experts_text(const QString& text) {
  std::vector<int> experts;
  for (const QString& part : text.split(QRegularExpression("[,\\s]+"), Qt::SkipEmptyParts)) {
    bool ok = false;
    const int expert = part.toInt(&ok);
    if (ok && expert >= 0) experts.push_back(expert);
  }
  plot_stack_->set_selected_experts(experts);
}

}  // namespace routelab::gui
