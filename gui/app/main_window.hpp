#pragma once
// routelab-gui's main window: scenario and router picker (left dock), run controls (toolbar),
// stacked heatmaps and charts on one time axis (centre), overload events (bottom dock).
#include <QMainWindow>

#include <memory>
#include <string>
#include <vector>

#include "gui/app/command_line.hpp"
#include "gui/run/run_group.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/run_builder/run_builder.hpp"
#include "scenarios/run_builder/trained_model_cache.hpp"

class QComboBox;
class QLabel;
class QLineEdit;
class QSettings;

namespace routelab::gui {

class EventPanel;
class OverloadEventModel;
class PlotStack;
class RunToolbar;
class ScenarioPanel;
class TimeAxis;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(const RouterRegistry& registry, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Replaces the current runs by one run per router on `scenario` (all paused), built by the run
  // builder as `routelab compare` builds them. On an unknown router or an unreadable trace returns
  // false with the core's message in `error`; a router that fails later fails alone (router_failed).
  bool start_runs(const ScenarioSpec& scenario, const std::vector<std::string>& routers, std::uint64_t replication,
                  QString* error);
  bool start_from_selection(QString* error);  // the scenario panel's selection
  void discard_runs();

  RunGroup* group() const { return group_.get(); }
  TimeAxis& axis() const { return *axis_; }
  PlotStack* plot_stack() const { return plot_stack_; }
  OverloadEventModel& event_model() const { return *event_model_; }
  EventPanel* event_panel() const { return event_panel_; }
  ScenarioPanel* scenario_panel() const { return scenario_panel_; }
  RunToolbar* run_toolbar() const { return run_toolbar_; }

  // Exports (written to a temporary file and renamed; false with a message on failure).
  bool export_png(const QString& path, QString* error);
  // Writes the series CSV to `path` and one heatmap CSV per run next to it
  // (<stem>.heatmap.<router>.csv); returns every path written.
  bool export_csv(const QString& path, QStringList* written, QString* error);
  QImage grab_window_image();

  void save_settings(QSettings& settings) const;
  void restore_settings(QSettings& settings);
  void set_persist_settings(bool persist) { persist_settings_ = persist; }
  void apply_selected_experts_text(const QString& text);  // "3, 17" (invalid entries ignored)

 signals:
  void runs_started();
  void runs_finished();
  void runs_failed(const QString& message);   // no router could run
  void router_failed(const QString& message);  // one router could not run; the others go on

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void build_menus();
  void build_view_toolbar();
  void connect_run_controls();
  bool ensure_group();
  void restart_with_new_settings();
  void show_newest_window();
  void on_data_arrived(bool repaint);
  void on_state_changed();
  void update_status();
  void show_error(const QString& title, const QString& message);
  QString ask_export_path(const QString& title, const QString& file_name, const QString& filter);
  void export_png_dialog();
  void export_csv_dialog();
  void open_sweep_dialog();

  const RouterRegistry& registry_;
  TrainedModelCache models_;  // learned routers train once per scenario for the app's lifetime
  RunBuilder builder_;
  TimeAxis* axis_;
  std::unique_ptr<OverloadEventModel> event_model_;
  std::unique_ptr<RunGroup> group_;
  ScenarioPanel* scenario_panel_;
  RunToolbar* run_toolbar_;
  PlotStack* plot_stack_;
  EventPanel* event_panel_;
  QComboBox* channel_box_ = nullptr;
  QLineEdit* experts_edit_ = nullptr;
  QLabel* status_label_;
  bool selection_dirty_ = false;
  bool cursor_to_newest_ = false;  // Step / Until overload: the cursor follows the newest window
  bool persist_settings_ = true;
  QString last_export_directory_;
};

}  // namespace routelab::gui
