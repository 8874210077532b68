// Saved runs end to end: the app saves the directory `routelab compare --out` writes, reopens it
// with the same fingerprints, opens a directory the CLI wrote, the CLI reruns the app's
// scenario.toml to the same fingerprints, and damaged directories give a message naming file
// and field while the runs on screen stay.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <string>

#include "gui/app/main_window.hpp"
#include "gui/run/run_session.hpp"
#include "gui/tests/cli_process.hpp"
#include "gui/tests/gui_test_suites.hpp"
#include "gui/tests/run_fingerprints.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_overrides.hpp"

namespace routelab::gui::tests {

namespace {

// Short runs: the default scenario cut to 40 batches.
constexpr const char* kShortRun = "length.tokens=20480";

QByteArray read_file(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void write_file(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
  file.write(bytes);
}

bool run_to_end(MainWindow& window) {
  QSignalSpy finished(&window, &MainWindow::runs_finished);
  window.group()->fast();
  return finished.wait(60000) || finished.count() > 0;
}

// Opens `directory` and waits for the fingerprint check; returns its (ok, message).
std::pair<bool, QString> open_and_check(MainWindow& window, const QString& directory, QString* error,
                                        std::uint64_t replication = 0) {
  QSignalSpy checked(&window, &MainWindow::saved_run_checked);
  if (!window.open_saved_run(directory, replication, error)) return {false, *error};
  if (!checked.wait(60000) && checked.isEmpty()) return {false, "no check"};
  return {checked.front()[0].toBool(), checked.front()[1].toString()};
}

ScenarioSpec short_default() { return resolve_scenario(kDefaultScenario, {parse_override_argument(kShortRun)}); }

}  // namespace

class SavedRunsTest : public QObject {
  Q_OBJECT

 private:
  RouterRegistry registry_ = builtin_router_registry();

 private slots:
  void save_then_reopen_gives_the_same_fingerprints() {
    MainWindow window(registry_);
    window.set_persist_settings(false);
    QString error;
    QVERIFY2(window.start_runs(load_builtin_scenario(kDefaultScenario), {"hash", "greedy"}, 0, &error), qPrintable(error));
    QVERIFY(run_to_end(window));
    const Fingerprints shown = fingerprints_of(window);
    QCOMPARE(shown.size(), std::size_t{2});

    QTemporaryDir scratch;
    const QString directory = scratch.filePath("saved");
    QVERIFY2(window.save_run_results(directory, false, &error), qPrintable(error));
    for (const char* file : {"summary.json", "scenario.toml", "provenance.json", "windows.csv",
                             "overload_events.csv", "latency_histogram.csv", "trace.json"})
      QVERIFY2(QFile::exists(QDir(directory).filePath(file)), file);
    QCOMPARE(fingerprints_in(read_file(QDir(directory).filePath("summary.json"))), shown);

    // Saving again over it needs `replace`, and a refusal leaves the directory as it was.
    QVERIFY(!window.save_run_results(directory, false, &error));
    QVERIFY2(error.contains("--out") || error.contains(directory), qPrintable(error));
    QVERIFY(QFile::exists(QDir(directory).filePath("summary.json")));

    // The menu's save runs on a worker thread and reports when done; the same files come out.
    QSignalSpy saved(&window, &MainWindow::run_results_saved);
    const QString background = scratch.filePath("saved-in-background");
    QVERIFY(window.save_run_results_in_background(background, false));
    QVERIFY(!window.save_run_results_in_background(scratch.filePath("second"), false));  // one save at a time
    QVERIFY(saved.wait(60000) || !saved.isEmpty());
    QVERIFY2(saved.front()[0].toBool(), qPrintable(saved.front()[1].toString()));
    QVERIFY2(saved.front()[1].toString().contains(background), qPrintable(saved.front()[1].toString()));
    QCOMPARE(fingerprints_in(read_file(QDir(background).filePath("summary.json"))), shown);

    window.discard_runs();
    const auto [ok, message] = open_and_check(window, directory, &error);
    QVERIFY2(ok, qPrintable(message));
    QCOMPARE(fingerprints_of(window), shown);
    QVERIFY(window.group()->histories().front()->windows() > 0);  // shown as a live run: the views have data

    // The CLI reads the app's output: its scenario.toml reruns to the same fingerprints.
    const QByteArray json = run_cli({"compare", "--scenario", QDir(directory).filePath("scenario.toml"), "--routers",
                                     "hash,greedy", "--format", "json"});
    QCOMPARE(fingerprints_in(json), shown);
  }

  void opens_a_cli_out_directory_as_a_live_run() {
    QTemporaryDir scratch;
    const QString directory = scratch.filePath("cli-out");
    QVERIFY(!run_cli({"compare", "--scenario", "default", "--routers", "greedy,round_robin", "--set", kShortRun,
                      "--set", "replications=2", "--out", directory})
                 .isEmpty());
    const Fingerprints saved = fingerprints_in(read_file(QDir(directory).filePath("summary.json")));
    QCOMPARE(saved.size(), std::size_t{4});

    MainWindow window(registry_);
    window.set_persist_settings(false);
    QString error;
    const auto [ok, message] = open_and_check(window, directory, &error, 1);
    QVERIFY2(ok, qPrintable(message));
    QCOMPARE(window.group()->replication(), std::uint64_t{1});
    const Fingerprints shown = fingerprints_of(window);
    QCOMPARE(shown.size(), std::size_t{2});
    for (const auto& [run, fingerprint] : shown) QCOMPARE(saved.at(run), fingerprint);

    // The same scenario started live in the app shows the same run.
    MainWindow live(registry_);
    live.set_persist_settings(false);
    QVERIFY2(live.start_runs(short_default(), {"greedy", "round_robin"}, 1, &error), qPrintable(error));
    QVERIFY(run_to_end(live));
    QCOMPARE(fingerprints_of(live), shown);
    QCOMPARE(live.group()->histories().front()->windows(), window.group()->histories().front()->windows());
    // ... drawn the same: its partial windows (the charts' points, rates and hatch) are the live run's.
    const auto live_partial = live.group()->histories().front()->coverage().partial_windows();
    const auto opened_partial = window.group()->histories().front()->coverage().partial_windows();
    QVERIFY(!live_partial.empty());
    QVERIFY(std::equal(live_partial.begin(), live_partial.end(), opened_partial.begin(), opened_partial.end()));
  }

  void a_layered_trace_result_opens_with_every_layer_checked() {
    QTemporaryDir scratch;
    const QString directory = scratch.filePath("layers");
    QVERIFY(!run_cli({"compare", "--scenario", "deepseek-layers", "--routers", "greedy", "--out", directory}).isEmpty());
    MainWindow window(registry_);
    window.set_persist_settings(false);
    QString error;
    const auto [ok, message] = open_and_check(window, directory, &error);
    QVERIFY2(ok, qPrintable(message));
    QVERIFY2(message.contains("26 fingerprints"), qPrintable(message));  // one per layer of the trace
    QCOMPARE(window.group()->sessions().front()->results().size(), std::size_t{26});
  }

  void damaged_directories_name_the_file_and_field_and_keep_the_runs() {
    QTemporaryDir scratch;
    const QString good = scratch.filePath("good");
    QVERIFY(!run_cli({"run", "--scenario", "default", "--router", "greedy", "--set", kShortRun, "--out", good}).isEmpty());

    MainWindow window(registry_);
    window.set_persist_settings(false);
    QString error;
    QVERIFY2(window.start_runs(short_default(), {"hash"}, 0, &error), qPrintable(error));
    RunGroup* before = window.group();

    const auto damaged = [&](const QString& name, const QString& file, const QByteArray& bytes) {
      const QString directory = scratch.filePath(name);
      QDir().mkpath(directory);
      for (const char* part : {"summary.json", "scenario.toml", "provenance.json"})
        QFile::copy(QDir(good).filePath(part), QDir(directory).filePath(part));
      if (bytes.isNull()) QFile::remove(QDir(directory).filePath(file));
      else write_file(QDir(directory).filePath(file), bytes);
      return directory;
    };
    const QByteArray summary = read_file(QDir(good).filePath("summary.json"));
    const QByteArray scenario = read_file(QDir(good).filePath("scenario.toml"));
    const struct {
      QString directory;
      QStringList expected;  // parts of the message
    } cases[] = {
        {damaged("no-summary", "summary.json", QByteArray()), {"summary.json", "missing"}},
        {damaged("bad-json", "summary.json", summary.left(summary.size() / 2)), {"summary.json", "not valid JSON"}},
        {damaged("bad-fingerprint", "summary.json",
                 QByteArray(summary).replace("\"fingerprint\": \"", "\"fingerprint\": \"zz")),
         {"summary.json", "routers[0].fingerprint", "16 hex digits"}},
        {damaged("no-router", "summary.json", QByteArray(summary).replace("\"router\": \"greedy\"", "\"router\": 7")),
         {"summary.json", "routers[0].router"}},
        {damaged("unknown-router", "summary.json", QByteArray(summary).replace("\"router\": \"greedy\"", "\"router\": \"nope\"")),
         {"summary.json", "routers", "unknown router 'nope'"}},
        {damaged("bad-scenario", "scenario.toml", QByteArray(scenario).replace("k = 2", "k = 'two'")),
         {"scenario.toml", "routing.k"}},
        {damaged("no-provenance", "provenance.json", QByteArray()), {"provenance.json", "missing"}},
    };
    for (const auto& test : cases) {
      QVERIFY2(!window.open_saved_run(test.directory, 0, &error), qPrintable(test.directory));
      for (const QString& part : test.expected)
        QVERIFY2(error.contains(part), qPrintable(QString("'%1' lacks '%2'").arg(error, part)));
      QCOMPARE(window.group(), before);  // nothing lost: the runs on screen stay
    }
    QVERIFY(!window.open_saved_run(good, 5, &error));
    QVERIFY2(error.contains("replication 5"), qPrintable(error));

    // A fingerprint edited to another valid value opens, and the check names the field.
    const QByteArray fingerprint = QJsonDocument::fromJson(summary)["routers"][0]["fingerprint"].toString().toUtf8();
    const QString edited = damaged("edited", "summary.json", QByteArray(summary).replace(fingerprint, "0123456789abcdef"));
    const auto [ok, message] = open_and_check(window, edited, &error);
    QVERIFY(!ok);
    QVERIFY2(message.contains("summary.json: routers[0].fingerprint") && message.contains("0123456789abcdef"),
             qPrintable(message));
  }
};

std::unique_ptr<QObject> make_saved_runs_test() { return std::make_unique<SavedRunsTest>(); }

}  // namespace routelab::gui::tests

#include "saved_runs_test.moc"
