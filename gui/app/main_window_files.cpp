// MainWindow: exports, settings, saved runs and the sweep database browser.
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImageWriter>
#include <QInputDialog>
#include <QMessageBox>
#include <QStatusBar>
#include <QLineEdit>
#include <QSaveFile>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>

#include <algorithm>
#include <exception>

#include "gui/app/main_window.hpp"
#include "gui/app/run_toolbar.hpp"
#include "gui/run/run_session.hpp"
#include "gui/app/scenario_panel.hpp"
#include "gui/events/event_csv_export.hpp"
#include "gui/events/event_panel.hpp"
#include "gui/events/overload_event_model.hpp"
#include "gui/saved_runs/saved_run_reader.hpp"
#include "gui/saved_runs/saved_run_writer.hpp"
#include "gui/sweeps/sweep_point.hpp"
#include "gui/sweeps/sqlite_catalog.hpp"
#include "gui/sweeps/sweep_browser.hpp"
#include "gui/views/plot_stack.hpp"

namespace routelab::gui {

namespace {

// Settings keys; the version suffix lets a future layout change ignore old saved states.
constexpr const char* kGeometryKey = "window/geometry";
constexpr const char* kStateKey = "window/state_v1";
constexpr const char* kPlotLayoutKey = "window/plot_splitter_v1";
constexpr const char* kScenarioKey = "run/scenario";
constexpr const char* kRoutersKey = "run/routers";
constexpr const char* kSpeedKey = "run/speed_position";
constexpr const char* kChannelKey = "view/heatmap_channel";
constexpr const char* kExpertsKey = "view/queue_experts";
constexpr const char* kScaleKey = "view/heatmap_scale";
constexpr const char* kExpertSeriesKey = "view/expert_series";
constexpr const char* kExportDirectoryKey = "export/directory";
constexpr int kStateVersion = 1;

bool write_atomically(const QString& path, const QByteArray& bytes, QString* error) {
  QSaveFile file(path);  // writes a temporary file and renames it on commit: never a partial file
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    if (error) *error = QString("cannot write '%1': %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

}  // namespace

QImage MainWindow::grab_window_image() {
  QImage image(size(), QImage::Format_ARGB32_Premultiplied);
  image.fill(palette().window().color());
  render(&image);
  return image;
}

bool MainWindow::export_png(const QString& path, QString* error) {
  const QImage image = plot_stack_->render_image();
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
    if (error) *error = QString("cannot write '%1': %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

bool MainWindow::export_csv(const QString& path, QStringList* written, QString* error) {
  if (!write_atomically(path, QByteArray::fromStdString(plot_stack_->series_csv_text()), error)) return false;
  if (written) *written << path;
  const QFileInfo info(path);
  for (const auto& [label, text] : plot_stack_->heatmap_csv_texts()) {
    const QString heatmap_path = info.dir().filePath(QString("%1.heatmap.%2.csv").arg(info.completeBaseName(), QString::fromStdString(label)));
    if (!write_atomically(heatmap_path, QByteArray::fromStdString(text), error)) return false;
    if (written) *written << heatmap_path;
  }
  return true;
}

QString MainWindow::ask_export_path(const QString& title, const QString& file_name, const QString& filter) {
  const QString path = QFileDialog::getSaveFileName(this, title, QDir(last_export_directory_).filePath(file_name), filter);
  if (!path.isEmpty()) last_export_directory_ = QFileInfo(path).absolutePath();
  return path;
}

bool MainWindow::export_events_csv(const QString& path, QString* error) {
  const std::string text = event_table_csv(*event_model_, event_panel_->shown_rows());
  return write_atomically(path, QByteArray::fromStdString(text), error);
}

QString MainWindow::export_confirmation(const QStringList& written) const {
  QString what = "no run";
  if (group_) {
    QStringList routers;
    for (const auto* history : group_->histories()) routers << QString::fromStdString(history->label());
    what = QString("scenario %1 (%2)").arg(QString::fromStdString(group_->scenario().name), routers.join(", "));
  }
  return QString("Exported %1: wrote %2").arg(what, written.join(", "));
}

void MainWindow::confirm_export(const QStringList& written) {
  statusBar()->showMessage(export_confirmation(written), 20000);
}

void MainWindow::export_png_dialog() {
  const QString path = ask_export_path("Export view as PNG", "routelab-view.png", "PNG images (*.png)");
  QString error;
  if (path.isEmpty()) return;
  if (!export_png(path, &error)) return show_error("Export failed", error);
  confirm_export({path});
}

void MainWindow::export_csv_dialog() {
  const QString path = ask_export_path("Export view data as CSV", "routelab-view.csv", "CSV files (*.csv)");
  QString error;
  QStringList written;
  if (path.isEmpty()) return;
  if (!export_csv(path, &written, &error)) return show_error("Export failed", error);
  confirm_export(written);
}

void MainWindow::export_events_dialog() {
  const QString path = ask_export_path("Export event table as CSV", "routelab-events.csv", "CSV files (*.csv)");
  QString error;
  if (path.isEmpty()) return;
  if (!export_events_csv(path, &error)) return show_error("Export failed", error);
  confirm_export({path});
}

void MainWindow::open_sweep_dialog() {
  const QString path = QFileDialog::getOpenFileName(this, "Open sweep results database", last_export_directory_,
                                                    "SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)");
  QString error;
  if (!path.isEmpty() && !open_sweep_database(path, &error)) show_error("Cannot open the database", error);
}

SweepBrowser* MainWindow::open_sweep_database(const QString& path, QString* error) {
  try {
    auto* browser = new SweepBrowser(std::make_unique<SqliteCatalog>(path.toStdString()), this);
    browser->setAttribute(Qt::WA_DeleteOnClose);
    connect(browser, &SweepBrowser::open_run_requested, this, [this](const QString& database, const QString& run_id) {
      QString why;
      if (!open_sweep_run(database, run_id, &why)) {
        show_error("Cannot open the sweep run", why);
        return;
      }
      raise();  // the run plays here, behind the browser otherwise
      activateWindow();
    });
    browser->show();
    return browser;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return nullptr;
  }
}

void MainWindow::check_fingerprints_when_finished(std::vector<ExpectedFingerprint> expected) {
  connect(group_.get(), &RunGroup::finished, this, [this, expected = std::move(expected)] {
    std::vector<RunResult> results;
    for (RunSession* session : group_->sessions())
      results.insert(results.end(), session->results().begin(), session->results().end());
    if (const auto mismatch = fingerprint_mismatch(expected, results)) {
      show_error("The re-run differs from the saved run", QString::fromStdString(*mismatch));
      emit saved_run_checked(false, QString::fromStdString(*mismatch));
      return;
    }
    const QString message = QString("re-run matches %1 (%2 fingerprints)")
                                .arg(QString::fromStdString(expected.front().where.substr(0, expected.front().where.find(": "))))
                                .arg(expected.size());
    statusBar()->showMessage(message, 10000);
    emit saved_run_checked(true, message);
  });
  connect(group_.get(), &RunGroup::failed, this, [this](const QString& message) { emit saved_run_checked(false, message); });
}

bool MainWindow::open_saved_run(const QString& directory, std::uint64_t replication, QString* error) {
  try {
    // Read and check everything before the current runs go: a damaged directory loses nothing.
    const SavedRun saved = read_saved_run(directory.toStdString());
    auto expected = runs_of_replication(saved, replication);
    if (expected.empty())
      throw SavedRunError((saved.directory / "summary.json").string() + ": routers: no run of replication " +
                          std::to_string(replication));
    for (const std::string& router : saved.routers) {  // a router this build lacks: refused before the runs go
      try {
        registry_.find(router);
      } catch (const std::exception& e) {
        throw SavedRunError((saved.directory / "summary.json").string() + ": routers: " + e.what());
      }
    }
    if (!start_runs(saved.scenario, saved.routers, replication, error)) return false;
    shown_scenario_toml_ = saved.scenario_toml;
    check_fingerprints_when_finished(std::move(expected));
    group_->fast();  // shown as a finished live run: every view, the events, zoom and cursor
    return true;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
}

bool MainWindow::open_sweep_run(const QString& database, const QString& run_id, QString* error) {
  try {
    const SweepPointRun point = locate_sweep_run(database.toStdString(), run_id.toStdString(), registry_);
    if (!start_runs(point.scenario, {point.router}, point.replication, error)) return false;
    shown_scenario_toml_ = point.scenario_toml;
    check_fingerprints_when_finished({point.expected});
    group_->fast();
    return true;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
}

bool MainWindow::make_save_request(SaveRequest& request, QString* error) const {
  if (!group_) {
    if (error) *error = "there is no run to save: start a run first";
    return false;
  }
  request.shown = group_->scenario();
  request.replication = group_->replication();
  request.scenario_toml = shown_scenario_toml_;
  for (RunSession* session : group_->sessions()) {
    request.routers.push_back(session->router_name());
    if (session->thread().run_finished() && !session->failure())
      request.shown_results.insert(request.shown_results.end(), session->results().begin(), session->results().end());
  }
  return true;
}

namespace {

// Runs a save; the message says what was saved where, or why nothing was.
bool write_saved_run(const RunBuilder& builder, const SaveRequest& request, const QString& directory, bool replace,
                     QString* message) {
  try {
    write_run_results(builder, request, directory.toStdString(), replace);
  } catch (const std::exception& e) {
    *message = QString::fromStdString(e.what());
    return false;
  }
  *message = QString("saved %1 (%2 router(s), replication %3) to %4")
                 .arg(QString::fromStdString(request.shown.name))
                 .arg(request.routers.size())
                 .arg(request.replication)
                 .arg(directory);
  return true;
}

}  // namespace

bool MainWindow::save_run_results(const QString& directory, bool replace, QString* error) {
  SaveRequest request;
  if (!make_save_request(request, error)) return false;
  QString message;
  if (!write_saved_run(builder_, request, directory, replace, &message)) {
    if (error) *error = message;
    return false;
  }
  statusBar()->showMessage(message, 10000);
  return true;
}

bool MainWindow::save_run_results_in_background(const QString& directory, bool replace) {
  SaveRequest request;
  QString error;
  if (saving_) return false;
  if (!make_save_request(request, &error)) {
    emit run_results_saved(false, error);
    return true;
  }
  saving_ = true;
  statusBar()->showMessage(QString("saving to %1 (re-running the routers for the result files)...").arg(directory));
  if (save_thread_.joinable()) save_thread_.join();
  save_thread_ = std::jthread([this, request = std::move(request), directory, replace] {
    QString message;
    const bool ok = write_saved_run(builder_, request, directory, replace, &message);
    QMetaObject::invokeMethod(this, [this, ok, message] {
      saving_ = false;
      if (ok) statusBar()->showMessage(message, 10000);
      else show_error("Save failed", message);
      emit run_results_saved(ok, message);
    }, Qt::QueuedConnection);
  });
  return true;
}

void MainWindow::open_saved_run_dialog() {
  const QString directory = QFileDialog::getExistingDirectory(this, "Open run results (routelab run/compare --out)",
                                                              last_export_directory_);
  if (directory.isEmpty()) return;
  QString error;
  std::uint64_t replication = 0;
  try {
    const SavedRun saved = read_saved_run(directory.toStdString());
    if (saved.replications.size() > 1) {  // the app shows one replication at a time
      QStringList items;
      for (const auto r : saved.replications) items << QString::number(r);
      bool ok = false;
      const QString chosen = QInputDialog::getItem(this, "Open run results", "Replication:", items, 0, false, &ok);
      if (!ok) return;
      replication = chosen.toULongLong();
    }
  } catch (const std::exception& e) {
    show_error("Cannot open the run results", QString::fromStdString(e.what()));
    return;
  }
  if (!open_saved_run(directory, replication, &error)) show_error("Cannot open the run results", error);
}

void MainWindow::save_run_dialog() {
  const QString directory = QFileDialog::getSaveFileName(this, "Save run results (the layout of routelab compare --out)",
                                                         QDir(last_export_directory_).filePath("routelab-run"));
  if (directory.isEmpty()) return;
  last_export_directory_ = QFileInfo(directory).absolutePath();
  bool replace = false;
  if (QDir(directory).exists() && !QDir(directory).isEmpty()) {
    if (QMessageBox::question(this, "Save run results", directory + " is not empty. Replace the routelab result in it?") !=
        QMessageBox::Yes)
      return;
    replace = true;
  }
  if (!save_run_results_in_background(directory, replace)) show_error("Save failed", "a save is still under way");
}

void MainWindow::save_settings(QSettings& settings) const {
  settings.setValue(kGeometryKey, saveGeometry());
  settings.setValue(kStateKey, saveState(kStateVersion));
  settings.setValue(kPlotLayoutKey, plot_stack_->save_layout());
  settings.setValue(kScenarioKey, scenario_panel_->scenario_key());
  settings.setValue(kRoutersKey, scenario_panel_->selected_routers());
  settings.setValue(kSpeedKey, run_toolbar_->speed_slider()->value());
  settings.setValue(kChannelKey, channel_box_->currentData().toString());
  settings.setValue(kExpertsKey, experts_edit_->text());
  settings.setValue(kScaleKey, scale_box_->currentIndex());
  settings.setValue(kExpertSeriesKey, expert_series_box_->currentData().toString());
  settings.setValue(kExportDirectoryKey, last_export_directory_);
}

void MainWindow::restore_settings(QSettings& settings) {
  if (settings.contains(kGeometryKey)) restoreGeometry(settings.value(kGeometryKey).toByteArray());
  if (settings.contains(kStateKey)) restoreState(settings.value(kStateKey).toByteArray(), kStateVersion);
  if (settings.contains(kPlotLayoutKey)) plot_stack_->restore_layout(settings.value(kPlotLayoutKey).toByteArray());
  if (settings.contains(kScenarioKey)) {
    try {
      scenario_panel_->select_scenario(settings.value(kScenarioKey).toString());
    } catch (const std::exception&) {
      // A scenario file that moved or broke since last time: keep the library default.
    }
  }
  if (settings.contains(kRoutersKey)) scenario_panel_->select_routers(settings.value(kRoutersKey).toStringList());
  if (settings.contains(kSpeedKey)) run_toolbar_->speed_slider()->setValue(settings.value(kSpeedKey).toInt());
  const int channel = channel_box_->findData(settings.value(kChannelKey).toString());
  if (channel >= 0) channel_box_->setCurrentIndex(channel);
  scale_box_->setCurrentIndex(std::clamp(settings.value(kScaleKey, 0).toInt(), 0, scale_box_->count() - 1));
  const int expert_series = expert_series_box_->findData(settings.value(kExpertSeriesKey).toString());
  if (expert_series >= 0) expert_series_box_->setCurrentIndex(expert_series);
  experts_edit_->setText(settings.value(kExpertsKey).toString());
  apply_selected_experts_text(experts_edit_->text());
  last_export_directory_ = settings.value(kExportDirectoryKey).toString();
  selection_dirty_ = true;
}

}  // namespace routelab::gui
