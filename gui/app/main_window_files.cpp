// MainWindow: exports, settings and the sweep database browser.
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImageWriter>
#include <QLineEdit>
#include <QSaveFile>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>

#include <algorithm>
#include <exception>

#include "gui/app/main_window.hpp"
#include "gui/app/run_toolbar.hpp"
#include "gui/app/scenario_panel.hpp"
#include "gui/events/event_csv_export.hpp"
#include "gui/events/event_panel.hpp"
#include "gui/events/overload_event_model.hpp"
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
  if (path.isEmpty()) return;
  try {
    auto* browser = new SweepBrowser(std::make_unique<SqliteCatalog>(path.toStdString()), this);
    browser->setAttribute(Qt::WA_DeleteOnClose);
    browser->show();
  } catch (const std::exception& e) {
    show_error("Cannot open the database", QString::fromStdString(e.what()));
  }
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
