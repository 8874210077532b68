// After opening a run (a `routelab compare --out` directory, a sweep point), the left dock and the
// run settings show the opened run, not the previous selection, and Run from them re-runs exactly
// it: the same fingerprints as the opened file holds.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>
#include <string>

#include "gui/app/main_window.hpp"
#include "gui/app/run_toolbar.hpp"
#include "gui/app/scenario_panel.hpp"
#include "gui/run/run_session.hpp"
#include "gui/tests/cli_process.hpp"
#include "gui/tests/gui_test_suites.hpp"
#include "gui/tests/run_fingerprints.hpp"
#include "results/sqlite_database.hpp"

namespace routelab::gui::tests {

namespace {

constexpr int kLongWaitMs = 120000;  // generous: the CI machine may be busy; never a timing assertion

// The runs of `replication` in a summary.json.
Fingerprints saved_fingerprints(const QString& summary_path, std::uint64_t replication) {
  QFile file(summary_path);
  Fingerprints out;
  if (!file.open(QIODevice::ReadOnly)) return out;
  const std::string suffix = "/" + std::to_string(replication);
  for (const auto& [run, fingerprint] : fingerprints_in(file.readAll()))
    if (run.ends_with(suffix)) out[run] = fingerprint;
  return out;
}

// A window whose dock shows something else than what the tests open.
std::unique_ptr<MainWindow> window_showing_the_default(const RouterRegistry& registry) {
  auto window = std::make_unique<MainWindow>(registry);
  window->set_persist_settings(false);
  window->scenario_panel()->select_scenario("default");
  window->scenario_panel()->select_routers({"round_robin"});
  window->run_toolbar()->set_run_settings(RunSettings{.window_ticks = 0, .seed = 99, .replication = 3});
  return window;
}

bool wait_for_check(QSignalSpy& checked) { return checked.wait(kLongWaitMs) || !checked.isEmpty(); }

// Presses Run in the toolbar and waits for the runs it starts to finish.
bool run_from_the_dock(MainWindow& window) {
  QSignalSpy finished(&window, &MainWindow::runs_finished);
  window.run_toolbar()->fast_action()->trigger();
  return finished.wait(kLongWaitMs) || !finished.isEmpty();
}

}  // namespace

class OpenedRunDockTest : public QObject {
  Q_OBJECT

 private:
  RouterRegistry registry_ = builtin_router_registry();

 private slots:
  void a_saved_run_shows_in_the_dock_and_reruns_from_it() {
    QTemporaryDir scratch;
    const QString directory = scratch.filePath("compare-out");
    QVERIFY(!run_cli({"compare", "--scenario", "zipf-hot", "--routers", "hash,greedy", "--seed", "7", "--set",
                      "replications=2", "--set", "length.tokens=20480", "--out", directory})
                 .isEmpty());
    auto window = window_showing_the_default(registry_);
    QSignalSpy checked(window.get(), &MainWindow::saved_run_checked);
    QString error;
    QVERIFY2(window->open_saved_run(directory, 1, &error), qPrintable(error));
    QVERIFY(wait_for_check(checked));
    QVERIFY2(checked.front()[0].toBool(), qPrintable(checked.front()[1].toString()));

    const ScenarioPanel& dock = *window->scenario_panel();
    QVERIFY(dock.scenario_list()->currentItem() != nullptr);
    QCOMPARE(dock.scenario_list()->currentItem()->text(0), QString("zipf-hot"));
    QVERIFY2(dock.scenario_list()->currentItem()->text(1).contains(directory),
             qPrintable(dock.scenario_list()->currentItem()->text(1)));
    QCOMPARE(dock.current_scenario().simulation.master_seed, std::uint64_t{7});
    QCOMPARE(dock.selected_routers(), (QStringList{"hash", "greedy"}));
    const RunToolbar& toolbar = *window->run_toolbar();
    QCOMPARE(toolbar.seed_edit()->text(), QString("7"));
    QCOMPARE(toolbar.replication_box()->value(), 1);

    // Run from the dock after the opened run finished: the same runs again.
    const Fingerprints expected = saved_fingerprints(QDir(directory).filePath("summary.json"), 1);
    QCOMPARE(expected.size(), std::size_t{2});
    QCOMPARE(fingerprints_of(*window), expected);
    QSignalSpy started(window.get(), &MainWindow::runs_started);
    QVERIFY(run_from_the_dock(*window));
    QCOMPARE(started.size(), 1);  // a fresh run, not the opened one shown again
    QCOMPARE(fingerprints_of(*window), expected);
  }

  void a_sweep_point_shows_in_the_dock_and_reruns_from_it() {
    QTemporaryDir scratch;
    const QString database = scratch.filePath("sweep.sqlite");
    QVERIFY(run_example_sweep(database, "router == 'greedy' and experts.count == 16 and routing.capacity_factor == 1.25 "
                                        "and tokens.zipf_s == 1.2"));
    const results::Database db(database.toStdString(), results::Database::Mode::read_only);
    auto stored = db.prepare("SELECT run_id, master_seed, replication, fingerprint FROM runs WHERE status = 'ok' "
                             "ORDER BY replication DESC LIMIT 1");
    QVERIFY(stored.step());
    const QString run_id = QString::fromStdString(stored.text(0));
    const QString seed = QString::fromStdString(stored.text(1));
    const int replication = QString::fromStdString(stored.text(2)).toInt();
    const std::string fingerprint = stored.text(3);
    QVERIFY(replication > 0);  // a replication other than the dock's default

    auto window = window_showing_the_default(registry_);
    QSignalSpy checked(window.get(), &MainWindow::saved_run_checked);
    QString error;
    QVERIFY2(window->open_sweep_run(database, run_id, &error), qPrintable(error));
    QVERIFY(wait_for_check(checked));
    QVERIFY2(checked.front()[0].toBool(), qPrintable(checked.front()[1].toString()));

    const ScenarioPanel& dock = *window->scenario_panel();
    QVERIFY2(dock.scenario_list()->currentItem()->text(1).contains(run_id),
             qPrintable(dock.scenario_list()->currentItem()->text(1)));
    QCOMPARE(dock.selected_routers(), QStringList{"greedy"});
    QCOMPARE(window->run_toolbar()->seed_edit()->text(), seed);
    QCOMPARE(window->run_toolbar()->replication_box()->value(), replication);

    QSignalSpy started(window.get(), &MainWindow::runs_started);
    QVERIFY(run_from_the_dock(*window));
    QCOMPARE(started.size(), 1);
    QCOMPARE(window->group()->sessions().size(), std::size_t{1});
    QCOMPARE(fingerprint_hex(window->group()->sessions().front()->results().front().summary.fingerprint), fingerprint);
  }
};

std::unique_ptr<QObject> make_opened_run_dock_test() { return std::make_unique<OpenedRunDockTest>(); }

}  // namespace routelab::gui::tests

#include "opened_run_dock_test.moc"
