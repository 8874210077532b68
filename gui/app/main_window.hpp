#pragma once
// routelab-gui's main window: scenario and router picker (left dock), run controls (toolbar),
// stacked heatmaps and charts on one time axis (centre), overload events (bottom dock).
#include <QMainWindow>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gui/app/command_line.hpp"
#include "gui/run/run_group.hpp"
#include "gui/saved_runs/expected_fingerprints.hpp"
#include "gui/saved_runs/saved_run_writer.hpp"
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
class SweepBrowser;
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
  // The event table as shown (filters and sort applied).
  bool export_events_csv(const QString& path, QString* error);
  // What the status bar says after an export: the scenario and routers, and every file written.
  QString export_confirmation(const QStringList& written) const;
  QImage grab_window_image();

  // Saved runs (gui/saved_runs): `routelab run/compare --out` directories, opened by re-running
  // one replication through the run builder (all paused at first, then run to the end) and
  // checking its fingerprints when it finishes (saved_run_checked); saved in the same layout.
  // False with a message naming the file and field; the current runs are kept then.
  bool open_saved_run(const QString& directory, std::uint64_t replication, QString* error);
  bool save_run_results(const QString& directory, bool replace, QString* error);
  // The same on a worker thread (a save re-runs the routers, seconds on a large scenario); the
  // window stays live and run_results_saved reports the outcome. False if a save is under way.
  bool save_run_results_in_background(const QString& directory, bool replace);
  // File > Open sweep database: the browser (charts, tables) on `path`, shown; its "Open as run"
  // re-runs here. Null with the reader's message when the file is not a SQLite database.
  SweepBrowser* open_sweep_database(const QString& path, QString* error);
  // Re-runs one run of a sweep database (gui/sweeps/sweep_point.hpp) and checks its fingerprint.
  bool open_sweep_run(const QString& database, const QString& run_id, QString* error);

  void save_settings(QSettings& settings) const;
  void restore_settings(QSettings& settings);
  void set_persist_settings(bool persist) { persist_settings_ = persist; }
  void apply_selected_experts_text(const QString& text);  // "3, 17" (invalid entries ignored)

 signals:
  void runs_started();
  void runs_finished();
  void runs_failed(const QString& message);   // no router could run
  void router_failed(const QString& message);  // one router could not run; the others go on
  // A reopened run (saved run or sweep point) finished: ok when its fingerprints match the file's.
  void saved_run_checked(bool ok, const QString& message);
  void run_results_saved(bool ok, const QString& message);  // the message names the directory or the error

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
  void export_events_dialog();
  void confirm_export(const QStringList& written);
  void open_sweep_dialog();
  void open_saved_run_dialog();
  void save_run_dialog();
  void check_fingerprints_when_finished(std::vector<ExpectedFingerprint> expected);
  bool make_save_request(SaveRequest& request, QString* error) const;

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
  QComboBox* scale_box_ = nullptr;
  QComboBox* expert_series_box_ = nullptr;
  QLineEdit* experts_edit_ = nullptr;
  QLabel* status_label_;
  bool selection_dirty_ = false;
  bool cursor_to_newest_ = false;  // Step / Until overload: the cursor follows the newest window
  bool persist_settings_ = true;
  QString last_export_directory_;
  // The TOML document the shown runs' scenario came from when the app opened one (a saved run, a
  // sweep point), so saving writes that scenario; cleared whenever other runs start.
  std::string shown_scenario_toml_;
  std::jthread save_thread_;  // last member: joined before anything the save reads goes away
  bool saving_ = false;
};

}  // namespace routelab::gui
