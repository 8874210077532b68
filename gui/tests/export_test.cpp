// Exports write files that parse back to the numbers on screen, never leave partial files, fail
// with a message on an unwritable path; settings and layout survive a save/restore round trip.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <cmath>
#include <memory>
#include <set>

#include "gui/app/main_window.hpp"
#include "gui/app/run_toolbar.hpp"
#include "gui/app/scenario_panel.hpp"
#include "gui/events/overload_event_model.hpp"
#include "gui/tests/gui_test_suites.hpp"
#include "gui/views/plot_stack.hpp"
#include "gui/views/time_axis.hpp"
#include "scenarios/scenario_library.hpp"

namespace routelab::gui::tests {

namespace {

QList<QStringList> read_csv(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  QList<QStringList> rows;
  for (const QByteArray& line : file.readAll().split('\n'))
    if (!line.isEmpty()) rows << QString::fromUtf8(line).split(',');
  return rows;
}

}  // namespace

class ExportTest : public QObject {
  Q_OBJECT

 private:
  RouterRegistry registry_ = builtin_router_registry();

 private slots:
  void exports_parse_back_to_the_view() {
    MainWindow window(registry_);
    window.set_persist_settings(false);
    window.resize(1200, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString error;
    QVERIFY2(window.start_runs(load_builtin_scenario(kDefaultScenario), {"hash", "greedy"}, 0, &error), qPrintable(error));
    QSignalSpy finished(&window, &MainWindow::runs_finished);
    window.group()->fast();
    QVERIFY(finished.wait(60000) || finished.count() == 1);
    window.apply_selected_experts_text("3, 60");
    QApplication::processEvents();

    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString png = directory.filePath("view.png");
    QVERIFY2(window.export_png(png, &error), qPrintable(error));
    QImage image(png);
    QCOMPARE(image.size(), window.plot_stack()->size());
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
      for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 50, "the exported view looks blank");

    const QString csv = directory.filePath("view.csv");
    QStringList written;
    QVERIFY2(window.export_csv(csv, &written, &error), qPrintable(error));
    QCOMPARE(written.size(), 3);  // the series and one heatmap per run
    const auto rows = read_csv(csv);
    const auto histories = window.group()->histories();
    const std::int64_t windows = histories[0]->windows();
    QCOMPARE(rows.size(), static_cast<qsizetype>(windows + 1));
    const QStringList header = rows[0];
    QCOMPARE(header.size(), 3 + 2 * (kScalarCount + 2));
    const int max_load_column = static_cast<int>(header.indexOf("hash.max_load"));
    const int queue_column = static_cast<int>(header.indexOf("greedy.queue_e60"));
    QVERIFY(max_load_column > 0 && queue_column > 0);
    for (std::int64_t w = 0; w < windows; ++w) {
      const QStringList& row = rows[static_cast<qsizetype>(w + 1)];
      QCOMPARE(row.size(), header.size());
      QCOMPARE(row[0].toLongLong(), w);
      QCOMPARE(row[max_load_column].toDouble(), histories[0]->scalar(WindowScalar::max_load)[static_cast<std::size_t>(w)]);
      QCOMPARE(row[queue_column].toDouble(),
               static_cast<double>(histories[1]->channel(ExpertChannel::queue).aggregate_row(w, w + 1, 60)));
    }
    const auto heatmap = read_csv(written[1]);
    const HeatmapView* view = window.plot_stack()->heatmaps()[0];
    const HeatmapRaster raster = view->current_raster();
    QCOMPARE(heatmap.size(), static_cast<qsizetype>(raster.rows + 1));
    QCOMPARE(heatmap[0].size(), static_cast<qsizetype>(raster.columns + 1));
    const int column = raster.columns / 2;
    QCOMPARE(heatmap[1][column + 1].toFloat(), raster.values[static_cast<std::size_t>(column * raster.rows)]);
    const QString events = directory.filePath("events.csv");
    QVERIFY2(window.export_events_csv(events, &error), qPrintable(error));
    const auto event_rows = read_csv(events);
    QCOMPARE(event_rows.size(), static_cast<qsizetype>(window.event_model().rowCount() + 1));
    QCOMPARE(event_rows[0][0], QString("router"));
    QVERIFY(event_rows.size() > 1);  // hash overloads on the default scenario
    const QString confirmation = window.export_confirmation(written);
    QVERIFY2(confirmation.contains("scenario default") && confirmation.contains("hash, greedy") &&
                 confirmation.contains(written[0]) && confirmation.contains(written[2]),
             qPrintable(confirmation));
    QVERIFY(QDir(directory.path()).entryList({"*.partial", "*.tmp*"}, QDir::Files).isEmpty());
    for (const QString& name : QDir(directory.path()).entryList(QDir::Files)) QVERIFY2(!name.contains('~'), qPrintable(name));

    QVERIFY(!window.export_png(directory.filePath("missing/dir/view.png"), &error));
    QVERIFY(error.contains("missing/dir/view.png"));
    QVERIFY(!window.export_csv(directory.filePath("missing/view.csv"), &written, &error));
    QVERIFY(!window.export_events_csv(directory.filePath("missing/events.csv"), &error));
    QVERIFY(!QFile::exists(directory.filePath("missing")));
  }

  void settings_round_trip() {
    QTemporaryDir directory;
    QSettings settings(directory.filePath("settings.ini"), QSettings::IniFormat);
    {
      MainWindow window(registry_);
      window.set_persist_settings(false);
      window.scenario_panel()->select_scenario("zipf-hot");
      window.scenario_panel()->select_routers({"uniform", "power_of_two"});
      window.run_toolbar()->speed_slider()->setValue(31);
      window.findChild<QComboBox*>("channel_box")->setCurrentIndex(2);
      window.findChild<QLineEdit*>("experts_edit")->setText("4, 9");
      window.findChild<QComboBox*>("scale_box")->setCurrentIndex(1);
      window.findChild<QComboBox*>("expert_series_box")->setCurrentIndex(index_of(ExpertChannel::drops));
      window.save_settings(settings);
    }
    settings.sync();
    MainWindow restored(registry_);
    restored.set_persist_settings(false);
    restored.restore_settings(settings);
    QCOMPARE(restored.scenario_panel()->scenario_key(), QString("zipf-hot"));
    QCOMPARE(restored.scenario_panel()->selected_routers(), (QStringList{"uniform", "power_of_two"}));
    QCOMPARE(restored.run_toolbar()->speed_slider()->value(), 31);
    QVERIFY(restored.plot_stack()->channel() == ExpertChannel::queue);
    QCOMPARE(restored.plot_stack()->selected_experts(), (std::vector<int>{4, 9}));
    QVERIFY(restored.plot_stack()->color_scale() == ScaleKind::log);
    QVERIFY(restored.plot_stack()->expert_series() == ExpertChannel::drops);
  }
};

std::unique_ptr<QObject> make_export_test() { return std::make_unique<ExportTest>(); }

}  // namespace routelab::gui::tests

#include "export_test.moc"
