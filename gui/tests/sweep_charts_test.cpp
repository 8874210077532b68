// Sweeps as charts: means and 95% CIs over replications against an oracle worked out by hand,
// slices that hold the other parameters fixed (a zipped partner is no slice), readable numbers,
// and a chart point of a real `routelab sweep run` database opened as a run with the stored
// fingerprint.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>
#include <string>
#include <set>

#include "gui/app/main_window.hpp"
#include "gui/run/run_session.hpp"
#include "gui/sweeps/number_text.hpp"
#include "gui/sweeps/sqlite_catalog.hpp"
#include "gui/sweeps/sweep_browser.hpp"
#include "gui/sweeps/sweep_chart_panel.hpp"
#include "gui/sweeps/sweep_chart_view.hpp"
#include "gui/sweeps/sweep_series.hpp"
#include "gui/sweeps/sweep_table_model.hpp"
#include "gui/tests/cli_process.hpp"
#include "gui/tests/gui_test_suites.hpp"
#include "results/sqlite_database.hpp"

namespace routelab::gui::tests {

namespace {

// Student t quantiles t(0.975, dof) from a printed table, the oracle for the half-widths.
constexpr double kT975Dof1 = 12.706204736174698;
constexpr double kT975Dof2 = 4.302652729749464;

// x is swept; y is an independent axis; z is zipped with x (z = 2x), so it is no slice dimension.
constexpr const char* kHandMadeSweep = R"(
  CREATE TABLE runs (run_id TEXT, router TEXT, replication INTEGER, status TEXT, x REAL, y INTEGER, z INTEGER,
                     drop_rate REAL, fingerprint TEXT);
  CREATE TABLE columns (position INTEGER, name TEXT, role TEXT, type TEXT);
  INSERT INTO columns VALUES (0, 'x', 'parameter', ''), (1, 'y', 'parameter', ''), (2, 'z', 'parameter', ''),
                             (3, 'drop_rate', 'metric', 'REAL'), (4, 'fingerprint', 'metric', 'TEXT');
  INSERT INTO runs VALUES
    ('a1', 'a', 0, 'ok', 1.0, 10, 2, 1.0, 'f'), ('a2', 'a', 1, 'ok', 1.0, 10, 2, 2.0, 'f'),
    ('a3', 'a', 2, 'ok', 1.0, 10, 2, 3.0, 'f'),
    ('a4', 'a', 0, 'ok', 2.5, 10, 5, 2.0, 'f'), ('a5', 'a', 1, 'ok', 2.5, 10, 5, 4.0, 'f'),
    ('b1', 'b', 0, 'ok', 1.0, 10, 2, 5.0, 'f'),
    ('b2', 'b', 0, 'failed', 2.5, 10, 5, NULL, NULL), ('b3', 'b', 1, 'ok', 2.5, 10, 5, 0.15000000000000002, 'f'),
    ('a6', 'a', 0, 'ok', 1.0, 20, 2, 50.0, 'f');
)";

std::vector<std::string> labels(const std::vector<SweepSlice>& slices) {
  std::vector<std::string> out;
  for (const auto& slice : slices) out.push_back(slice.label);
  return out;
}

}  // namespace

class SweepChartsTest : public QObject {
  Q_OBJECT

 private:
  RouterRegistry registry_ = builtin_router_registry();

 private slots:
  void means_and_intervals_match_the_hand_oracle() {
    QTemporaryDir scratch;
    const std::string path = scratch.filePath("hand.sqlite").toStdString();
    results::Database(path, results::Database::Mode::create).execute(kHandMadeSweep);
    const SqliteCatalog catalog(path);
    QVERIFY(is_sweep_database(catalog));
    const SweepRuns runs = load_sweep_runs(catalog);
    QCOMPARE(runs.parameter_keys, (std::vector<std::string>{"x", "y", "z"}));
    QCOMPARE(runs.metric_names, (std::vector<std::string>{"drop_rate"}));  // the TEXT metric is not chartable

    const auto slices = sweep_slices(runs, 0);
    QCOMPARE(labels(slices), (std::vector<std::string>{"y = 10", "y = 20"}));
    QCOMPARE(labels(sweep_slices(runs, 2)), (std::vector<std::string>{"y = 10", "y = 20"}));  // x moves with z
    QCOMPARE(labels(sweep_slices(runs, 1)), (std::vector<std::string>{"x = 1, z = 2", "x = 2.5, z = 5"}));
    const SweepChartData data = sweep_chart_data(runs, 0, 0, slices[0]);
    QCOMPARE(data.series.size(), std::size_t{2});
    QCOMPARE(data.left_out, std::size_t{1});  // b's failed run
    const auto& a = data.series[0];
    QCOMPARE(a.router, std::string("a"));
    QCOMPARE(a.points.size(), std::size_t{2});
    // a at x = 1: values 1, 2, 3: mean 2, s = 1, half-width t(2) * 1 / sqrt(3).
    QCOMPARE(a.points[0].x, 1.0);
    QCOMPARE(a.points[0].y.n, 3);
    QCOMPARE(a.points[0].y.mean, 2.0);
    QVERIFY(std::fabs(a.points[0].y.half_width - kT975Dof2 / std::sqrt(3.0)) < 1e-12);
    // a at x = 2.5: values 2, 4: mean 3, s = sqrt(2), half-width t(1) * sqrt(2) / sqrt(2).
    QCOMPARE(a.points[1].x_label, std::string("2.5"));
    QCOMPARE(a.points[1].y.mean, 3.0);
    QVERIFY(std::fabs(a.points[1].y.half_width - kT975Dof1) < 1e-12);
    // b: one replication per point: no interval; the failed run is left out, not counted as 0.
    const auto& b = data.series[1];
    QCOMPARE(b.points[0].y.mean, 5.0);
    QVERIFY(std::isnan(b.points[0].y.half_width));
    QCOMPARE(b.points[1].y.n, 1);
    QCOMPARE(b.points[1].runs, (std::vector<std::size_t>{7}));
    // The other slice holds only a6.
    const SweepChartData other = sweep_chart_data(runs, 0, 0, slices[1]);
    QCOMPARE(other.series.size(), std::size_t{1});
    QCOMPARE(other.series[0].points[0].y.mean, 50.0);
  }

  void numbers_read_without_floating_point_noise() {
    QCOMPARE(readable_number(0.15000000000000002), std::string("0.15"));
    QCOMPARE(readable_number(1.0493750000000001), std::string("1.04938"));
    QCOMPARE(readable_number(102400), std::string("102400"));
    QCOMPARE(readable_number(-0.0), std::string("0"));
    QCOMPARE(shortest_text(0.1), std::string("0.1"));
    SweepTableModel model;
    model.set_page(TablePage{{"v"}, {{CellValue{0.15000000000000002}}}});
    QCOMPARE(model.data(model.index(0, 0), Qt::DisplayRole).toString(), QString("0.15"));
    QCOMPARE(model.data(model.index(0, 0), Qt::ToolTipRole).toString(), QString("0.15000000000000002"));
  }

  void a_chart_point_opens_as_the_stored_run() {
    QTemporaryDir scratch;
    const QString database = scratch.filePath("sweep.sqlite");
    // 16 experts, plus one 64-expert point whose derived seed is above INT64_MAX
    QVERIFY(run_example_sweep(database, "router in ['greedy', 'hash'] and (experts.count == 16 or (experts.count == 64 and "
                                        "routing.capacity_factor == 1.25 and tokens.zipf_s == 0.8))"));

    SweepBrowser browser(std::make_unique<SqliteCatalog>(database.toStdString()));
    browser.resize(1100, 760);
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    SweepChartPanel* panel = browser.chart_panel();
    QVERIFY(panel != nullptr);
    QCOMPARE(browser.tabs()->currentWidget(), panel);  // a sweep database opens on its chart
    QVERIFY(panel->choose("routing.capacity_factor", "load_max_over_mean", "batches.size = 128, experts.count = 16, tokens.zipf_s = 1.2"));
    const SweepChartData& data = panel->chart()->data();
    QCOMPARE(data.series.size(), std::size_t{2});
    QCOMPARE(data.series[0].router, std::string("greedy"));
    QCOMPARE(data.series[0].points.size(), std::size_t{3});
    QCOMPARE(data.series[1].points.size(), std::size_t{1});  // the constraint keeps hash at cf 1.5 only

    // Drawn: lines, bands and labels in the run colours, not a blank widget.
    std::set<QRgb> colours;
    const QImage chart = panel->chart()->grab().toImage();
    for (int y = 0; y < chart.height(); y += 3)
      for (int x = 0; x < chart.width(); x += 3) colours.insert(chart.pixel(x, y));
    QVERIFY2(colours.size() > 30, "the chart looks blank");

    // The oracle straight from the database: greedy at capacity factor 1.25, zipf 1.2.
    const results::Database db(database.toStdString(), results::Database::Mode::read_only);
    auto query = db.prepare(
        "SELECT load_max_over_mean FROM runs WHERE router = 'greedy' AND \"routing.capacity_factor\" = 1.25 AND "
        "\"tokens.zipf_s\" = 1.2 AND \"experts.count\" = 16 AND status = 'ok' ORDER BY replication");
    std::vector<double> values;
    while (query.step()) values.push_back(std::get<double>(query.cell(0)));
    QCOMPARE(values.size(), std::size_t{3});
    const double mean = (values[0] + values[1] + values[2]) / 3;
    double squares = 0;
    for (const double v : values) squares += (v - mean) * (v - mean);
    const SweepSeriesPoint& point = data.series[0].points[1];
    QCOMPARE(point.x, 1.25);
    QVERIFY(std::fabs(point.y.mean - mean) < 1e-12);
    QVERIFY(std::fabs(point.y.half_width - kT975Dof2 * std::sqrt(squares / 2) / std::sqrt(3.0)) < 1e-12);

    // Click the point, pick replication 2, open it as a run.
    QTest::mouseClick(panel->chart(), Qt::LeftButton, {}, panel->chart()->point_position({0, 1}).toPoint());
    QVERIFY(panel->chart()->selected() == (SweepPointRef{0, 1}));
    QCOMPARE(panel->point_runs()->rowCount(), 3);
    panel->point_runs()->selectRow(2);
    const QString run_id = panel->point_runs()->item(2, 3)->text();
    QCOMPARE(panel->point_runs()->item(2, 1)->text(), QString("2"));

    MainWindow window(registry_);
    window.set_persist_settings(false);
    QString error;
    bool opened = false;
    connect(&browser, &SweepBrowser::open_run_requested, &window, [&](const QString& file, const QString& id) {
      opened = window.open_sweep_run(file, id, &error);
    });
    QSignalSpy checked(&window, &MainWindow::saved_run_checked);
    QTest::mouseClick(panel->open_button(), Qt::LeftButton);
    QVERIFY2(opened, qPrintable(error));
    QVERIFY(checked.wait(60000) || !checked.isEmpty());
    QVERIFY2(checked.front()[0].toBool(), qPrintable(checked.front()[1].toString()));
    QCOMPARE(window.group()->replication(), std::uint64_t{2});
    auto stored = db.prepare("SELECT fingerprint, master_seed FROM runs WHERE run_id = ?");
    stored.bind(1, run_id.toStdString());
    QVERIFY(stored.step());
    const RunResult& result = window.group()->sessions().front()->results().front();
    QCOMPARE(fingerprint_hex(result.summary.fingerprint), stored.text(0));
    QCOMPARE(std::to_string(window.group()->scenario().simulation.master_seed), stored.text(1));

    // The runs table's rows open the same way; other tables' rows do not.
    browser.tabs()->setCurrentIndex(1);
    browser.show_table("runs");
    QVERIFY(!browser.open_row_button()->isEnabled());
    browser.table_view()->selectRow(0);
    QVERIFY(browser.open_row_button()->isEnabled());
    QSignalSpy requested(&browser, &SweepBrowser::open_run_requested);
    disconnect(&browser, &SweepBrowser::open_run_requested, &window, nullptr);
    QTest::mouseClick(browser.open_row_button(), Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.front()[1].toString().size(), 16);
    browser.show_table("meta");
    browser.table_view()->selectRow(0);
    QVERIFY(!browser.open_row_button()->isEnabled());

    // A point whose derived seed is above INT64_MAX (no TOML form) opens, saves and reopens.
    auto seeds = db.prepare("SELECT run_id, master_seed FROM runs ORDER BY run_id");
    QString high_seed_run;
    while (seeds.step() && high_seed_run.isEmpty())
      if (std::stoull(seeds.text(1)) > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        high_seed_run = QString::fromStdString(seeds.text(0));
    QVERIFY(!high_seed_run.isEmpty());
    checked.clear();
    QVERIFY2(window.open_sweep_run(database, high_seed_run, &error), qPrintable(error));
    QVERIFY(checked.wait(60000) || !checked.isEmpty());
    QVERIFY2(checked.front()[0].toBool(), qPrintable(checked.front()[1].toString()));
    const QString saved = scratch.filePath("high-seed-run");
    QVERIFY2(window.save_run_results(saved, false, &error), qPrintable(error));
    // ... and the CLI reruns it from the saved scenario.toml with the seed provenance.json carries.
    const std::string high_fingerprint = fingerprint_hex(window.group()->sessions().front()->results().front().summary.fingerprint);
    const QByteArray rerun = run_cli({"compare", "--scenario", QDir(saved).filePath("scenario.toml"), "--routers",
                                      QString::fromStdString(window.group()->sessions().front()->router_name()), "--seed",
                                      QString::number(window.group()->scenario().simulation.master_seed), "--set",
                                      QString("replications=%1").arg(window.group()->replication() + 1), "--format", "json"});
    QVERIFY2(rerun.contains(QByteArray::fromStdString(high_fingerprint)), rerun.left(400).constData());
    checked.clear();
    QVERIFY2(window.open_saved_run(saved, window.group()->replication(), &error), qPrintable(error));
    QVERIFY(checked.wait(60000) || !checked.isEmpty());
    QVERIFY2(checked.front()[0].toBool(), qPrintable(checked.front()[1].toString()));

    // A run id that is not in the database is named.
    QVERIFY(!window.open_sweep_run(database, "0000000000000000", &error));
    QVERIFY2(error.contains("no run with run_id '0000000000000000'"), qPrintable(error));
  }

  void a_sweep_over_a_scenario_file_reopens_from_its_folder() {
    QTemporaryDir scratch;
    QVERIFY(QDir(scratch.path()).mkpath("scenarios"));
    QVERIFY(QFile::copy(QDir(ROUTELAB_EXAMPLES_DIR).filePath("../scenarios/library/zipf-mild.toml"),
                        scratch.filePath("scenarios/base.toml")));
    QFile sweep(scratch.filePath("file-sweep.toml"));
    QVERIFY(sweep.open(QIODevice::WriteOnly));
    sweep.write("scenario = \"scenarios/base.toml\"\nrouters = [\"greedy\"]\n[set]\nlength.tokens = 8192\n"
                "[grid]\nrouting.capacity_factor = [1.0, 1.5]\n");
    sweep.close();
    const QString database = scratch.filePath("file-sweep.sqlite");
    QVERIFY(!run_cli({"sweep", "run", sweep.fileName(), "--db", database, "--jobs", "1"}).isEmpty());
    const results::Database db(database.toStdString(), results::Database::Mode::read_only);
    const std::string run_id = db.single_text("SELECT run_id FROM runs ORDER BY plan_index LIMIT 1");

    MainWindow window(registry_);
    window.set_persist_settings(false);
    QString error;
    QSignalSpy checked(&window, &MainWindow::saved_run_checked);
    QVERIFY2(window.open_sweep_run(database, QString::fromStdString(run_id), &error), qPrintable(error));
    QVERIFY(checked.wait(60000) || !checked.isEmpty());
    QVERIFY2(checked.front()[0].toBool(), qPrintable(checked.front()[1].toString()));

    // The base scenario edited since the sweep: named, not silently run as something else.
    QFile base(scratch.filePath("scenarios/base.toml"));
    QVERIFY(base.open(QIODevice::ReadOnly));
    const QByteArray text = base.readAll();
    base.close();
    QVERIFY(base.open(QIODevice::WriteOnly | QIODevice::Truncate));
    base.write("replications = 2\n" + text);  // a top-level key, before the first table
    base.close();
    QVERIFY(!window.open_sweep_run(database, QString::fromStdString(run_id), &error));
    QVERIFY2(error.contains("params_fingerprint") && error.contains("base.toml"), qPrintable(error));
  }
};

std::unique_ptr<QObject> make_sweep_charts_test() { return std::make_unique<SweepChartsTest>(); }

}  // namespace routelab::gui::tests

#include "sweep_charts_test.moc"
