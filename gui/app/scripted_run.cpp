#include "gui/app/scripted_run.hpp"

#include <QApplication>
#include <QImage>
#include <QSaveFile>
#include <QTimer>
#include <QWidget>

#include <cstdio>
#include <exception>
#include <filesystem>

#include "cli/summary_report.hpp"
#include "engine/atomic_output_file.hpp"
#include "gui/app/main_window.hpp"
#include "gui/sweeps/sweep_browser.hpp"
#include "gui/views/time_axis.hpp"
#include "scenarios/scenario_library.hpp"

namespace routelab::gui {

ScriptedRun::ScriptedRun(MainWindow& window, GuiOptions options, QObject* parent)
    : QObject(parent), window_(window), options_(std::move(options)) {}

void ScriptedRun::start() {
  if (!options_.open_sweep.isEmpty()) {
    QString error;
    browser_ = window_.open_sweep_database(options_.open_sweep, &error);
    if (browser_ == nullptr) return fail(error);
  }
  if (options_.opens_run()) return open_run();
  if (!options_.run || browser_ != nullptr) {  // a browser alone has nothing to run
    QTimer::singleShot(0, this, &ScriptedRun::finish);
    return;
  }
  QString error;
  try {
    const ScenarioSpec scenario =
        with_seed(resolve_scenario(options_.scenario_key.isEmpty() ? std::string(kDefaultScenario)
                                                                   : options_.scenario_key.toStdString()),
                  options_.run_settings);
    if (!window_.start_runs(scenario, options_.routers, options_.run_settings.replication, &error)) return fail(error);
  } catch (const std::exception& e) {
    return fail(QString::fromStdString(e.what()));
  }
  connect(&window_, &MainWindow::runs_finished, this, &ScriptedRun::finish);
  connect(&window_, &MainWindow::runs_failed, this, [this](const QString& message) {
    write_summary();  // what failed, for whoever reads the file
    fail(message);
  });
  connect(&window_, &MainWindow::router_failed, this, [](const QString& message) {
    std::fprintf(stderr, "routelab-gui: error: %s\n", message.toLocal8Bit().constData());
  });
  window_.group()->fast();
}

void ScriptedRun::open_run() {
  connect(&window_, &MainWindow::saved_run_checked, this, [this](bool ok, const QString& message) {
    if (!ok) {
      write_summary();  // what failed, for whoever reads the file
      return fail(message);
    }
    if (options_.scripted()) std::printf("routelab-gui: %s\n", message.toLocal8Bit().constData());
    finish();
  });
  QString error;
  browser_ = nullptr;  // the run is what the screenshot shows
  const bool opened = options_.open_run.isEmpty()
                          ? window_.open_sweep_run(options_.open_sweep, options_.sweep_run_id, &error)
                          : window_.open_saved_run(options_.open_run, options_.open_run_replication, &error);
  if (!opened) fail(error);
}

bool ScriptedRun::write_summary() {
  if (options_.summary_json.isEmpty() || !window_.group()) return true;
  const RunGroup& group = *window_.group();
  std::vector<RunResult> results;
  std::vector<RunFailure> failures;
  for (const RunSession* session : group.sessions()) {
    if (session->failure()) {
      failures.push_back(RunFailure{session->router_name(), session->replication(), 0,
                                    session->failure()->toStdString(), false});
      continue;
    }
    for (const RunResult& result : session->results()) results.push_back(result);
  }
  try {
    auto json = cli::report_to_json(group.scenario(), results);
    if (!failures.empty()) json["failed"] = cli::failures_to_json(failures);
    AtomicOutputFile file(std::filesystem::path(options_.summary_json.toStdString()));
    file.stream() << json.dump(2) << "\n";
    file.commit();
  } catch (const std::exception& e) {
    fail(QString("cannot write '%1': %2").arg(options_.summary_json, QString::fromStdString(e.what())));
    return false;
  }
  return true;
}

void ScriptedRun::finish() {
  window_.axis().fit();
  QApplication::processEvents();  // let the layout settle at the final data before rendering
  if (!options_.screenshot.isEmpty()) {
    const QImage image = browser_ != nullptr ? browser_->grab().toImage() : window_.grab_window_image();
    QSaveFile file(options_.screenshot);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
      return fail(QString("cannot write '%1': %2").arg(options_.screenshot, file.errorString()));
    std::printf("routelab-gui: wrote %s (%dx%d)\n", options_.screenshot.toLocal8Bit().constData(), image.width(),
                image.height());
    std::fflush(stdout);
  }
  if (!write_summary()) return;
  const bool some_failed = window_.group() && !window_.group()->failure().isEmpty();
  if (options_.quit_when_done) QApplication::exit(some_failed ? kExitRunFailed : 0);
}

void ScriptedRun::fail(const QString& message) {
  std::fprintf(stderr, "routelab-gui: error: %s\n", message.toLocal8Bit().constData());
  // Interactive, the window has said so already (a message box); a person closes it.
  if (options_.scripted()) QApplication::exit(kExitRunFailed);
}

}  // namespace routelab::gui
