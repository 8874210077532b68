// The app used as a person would, in a real window under Xvfb (xcb, not offscreen), driven by
// synthetic mouse, wheel and keyboard input sent to the real widgets of the real MainWindow. For
// every library scenario: click it in the list, press Step three times, press Fast and wait for the
// end, zoom with the wheel, find an overload marker in the event lane *in the screenshot*, hover it
// (the card must show and name router and expert) and click it (the view must zoom to it). Once:
// open a `routelab sweep run` database, click a chart point and open it as a run. Every step saves
// a screen grab (the X server's screen, tooltips included) to $ROUTELAB_PERSON_SCRIPT_DIR and checks
// it: not blank, and each heatmap shows exactly the rows its data predicts (the painted colours of
// adjacent experts differ exactly where the screenshot's pixel rows change). Run by ctest as
// gui.person_script (run_person_script.cmake), labels gui;slow.
#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QToolBar>
#include <QToolTip>
#include <QTreeWidget>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <memory>

#include "gui/app/main_window.hpp"
#include "gui/app/run_toolbar.hpp"
#include "gui/app/scenario_panel.hpp"
#include "gui/data/uncovered_spans.hpp"
#include "gui/run/run_session.hpp"
#include "gui/sweeps/sweep_browser.hpp"
#include "gui/sweeps/sweep_chart_panel.hpp"
#include "gui/sweeps/sweep_chart_view.hpp"
#include "gui/tests/cli_process.hpp"
#include "gui/tests/gui_test_suites.hpp"
#include "gui/tests/screenshot_blank.hpp"
#include "gui/views/plot_stack.hpp"
#include "gui/views/time_axis.hpp"
#include "scenarios/scenario_library.hpp"

namespace routelab::gui::tests {

namespace {

constexpr int kSteps = 3;
constexpr int kRunTimeoutMs = 180000;  // semantic-clusters builds its embeddings for ~12 s on a loaded machine
constexpr int kTooltipTimeoutMs = 5000;
// Scenarios known to overload under hash and greedy; fewer with an overload means the lane broke.
constexpr int kMinScenariosWithOverloads = 5;

QImage grab_screen() { return QGuiApplication::primaryScreen()->grabWindow(0).toImage().convertToFormat(QImage::Format_RGB32); }

// The pixel row signatures of `columns` in `rows` of the screen image: equal rows, equal values.
std::vector<std::size_t> row_signatures(const QImage& image, const std::vector<int>& columns, int top, int bottom) {
  std::vector<std::size_t> signatures;
  for (int y = top; y <= bottom; ++y) {
    std::size_t hash = 1469598103934665603ull;
    for (const int x : columns) hash = (hash ^ image.pixel(x, y)) * 1099511628211ull;
    signatures.push_back(hash);
  }
  return signatures;
}

// A lane pixel that is an event marker: saturated (orange or magenta), not the white lane or its grey border.
bool is_marker_pixel(QRgb pixel) {
  const QColor colour(pixel);
  return colour.hsvSaturation() > 60 && (colour.hue() < 40 || colour.hue() > 280);
}

}  // namespace

class PersonScriptTest : public QObject {
  Q_OBJECT

 private:
  RouterRegistry registry_ = builtin_router_registry();
  std::unique_ptr<MainWindow> window_;
  QDir out_;
  int with_overloads_ = 0;
  int screenshots_ = 0;

  void click_action(QAction* action) {
    for (auto* bar : window_->findChildren<QToolBar*>()) {
      if (auto* button = qobject_cast<QAbstractButton*>(bar->widgetForAction(action))) {
        QTest::mouseClick(button, Qt::LeftButton);
        return;
      }
    }
    QFAIL("no toolbar button for the action");
  }

  // Saves the screen as NAME.png and checks it: not blank; every heatmap visible has the rows its
  // data predicts (checked only where no outline is drawn over the rows: hover and click add one).
  QImage screenshot(const QString& name, bool check_rows) {
    QApplication::processEvents();
    QTest::qWait(50);  // the 30 Hz repaint timer
    const QImage image = grab_screen();
    const QString path = out_.filePath(name + ".png");
    if (!image.save(path)) qWarning("cannot write %s", qPrintable(path));
    ++screenshots_;
    const ImageSpread spread = image_spread(image.copy(window_->frameGeometry()));
    if (spread.blank()) qWarning("%s looks blank", qPrintable(path));
    [&] { QVERIFY2(!spread.blank(), qPrintable(path + " looks blank")); }();
    if (check_rows) check_heatmap_rows(image, path);
    return image;
  }

  void check_heatmap_rows(const QImage& image, const QString& path) {
    const auto& heatmaps = window_->plot_stack()->heatmaps();
    QCOMPARE(heatmaps.size(), window_->group()->sessions().size());  // one heatmap per router
    float scale_max = 0;
    for (const HeatmapView* heatmap : heatmaps)
      scale_max = std::max(scale_max, heatmap->run().channel(window_->plot_stack()->channel()).max_value());
    ColorScale scale;
    scale.prepare(window_->plot_stack()->color_scale(), scale_max > 0 ? scale_max : 1.0f);
    const QWidget* viewport = window_->plot_stack()->scroll_area()->viewport();
    const QRect visible(viewport->mapToGlobal(QPoint(0, 0)), viewport->size());
    for (const HeatmapView* heatmap : heatmaps) {
      const QRect plot(heatmap->mapToGlobal(heatmap->plot_rect().topLeft()), heatmap->plot_rect().size());
      const QRect shown = plot.intersected(visible).intersected(image.rect());
      if (shown.height() < 2) continue;  // scrolled out of view
      const HeatmapRaster raster = heatmap->current_raster();
      QCOMPARE(raster.experts, heatmap->run().experts());
      QVERIFY2(raster.rows == std::min(raster.experts, plot.height()), "a raster row per expert while the plot has room");
      // Columns with data outside the hatched spans (the hatching is diagonal): after the run's end
      // and after each layer's end, mid-run (uncovered_spans); and not under the cursor's red line.
      const double end_x = heatmap->mapToGlobal(QPointF(heatmap->x_of(heatmap->run().end_window()), 0)).x();
      const CoveredRun covered{&heatmap->run().coverage(), heatmap->run().windows()};
      const std::vector<UncoveredSpan> hatched = uncovered_spans({&covered, 1}, 0, heatmap->run().windows());
      auto in_hatch = [&](int x) {
        return std::any_of(hatched.begin(), hatched.end(), [&](const UncoveredSpan& span) {
          const double left = heatmap->mapToGlobal(QPointF(heatmap->x_of(span.first), 0)).x();
          const double right = heatmap->mapToGlobal(QPointF(heatmap->x_of(span.last), 0)).x();
          return x >= left - 2 && x <= right + 2;
        });
      };
      const double cursor = heatmap->axis().cursor();
      const double cursor_x = cursor >= 0 ? heatmap->mapToGlobal(QPointF(heatmap->x_of(cursor), 0)).x() : -1e9;
      auto under_cursor = [&](int x) { return std::abs(x - cursor_x) <= 1.5; };
      std::vector<int> columns, raster_columns;
      for (int c = 0; c < raster.columns; ++c)
        if (raster.valid[static_cast<std::size_t>(c)] && plot.left() + c < end_x - 2 && !in_hatch(plot.left() + c) &&
            !under_cursor(plot.left() + c)) {
          columns.push_back(plot.left() + c);
          raster_columns.push_back(c);
        }
      if (columns.empty()) continue;
      // Predicted: raster rows r-1 and r look different when some column paints them differently.
      auto row_of = [&](int y) { return std::min(raster.rows - 1, (y - plot.top()) * raster.rows / plot.height()); };
      const int first_row = row_of(shown.top()), last_row = row_of(shown.bottom());
      int predicted = 1;
      for (int r = first_row + 1; r <= last_row; ++r) {
        for (const int c : raster_columns) {
          const float* values = raster.values.data() + static_cast<std::size_t>(c) * static_cast<std::size_t>(raster.rows);
          if (scale.lookup(values[r - 1]) != scale.lookup(values[r])) {
            ++predicted;
            break;
          }
        }
      }
      const auto signatures = row_signatures(image, columns, shown.top(), shown.bottom());
      int seen = 1;
      for (std::size_t i = 1; i < signatures.size(); ++i) seen += signatures[i] != signatures[i - 1];
      const QString what = QString("%1: heatmap %2 shows %3 row bands of %4 experts (rows %5-%6 in view); its data predicts %7")
                               .arg(path, QString::fromStdString(heatmap->run().label()))
                               .arg(seen).arg(raster.experts).arg(first_row).arg(last_row).arg(predicted);
      qInfo("%s", qPrintable(what));
      QVERIFY2(seen == predicted, qPrintable(what));
    }
  }

  // A marker pixel in a heatmap's lane in the screenshot, as (heatmap, local position): of the
  // events the lanes show, the shortest, so that clicking it visibly zooms in.
  std::pair<HeatmapView*, QPoint> find_marker(const QImage& image) {
    std::pair<HeatmapView*, QPoint> best{nullptr, {}};
    Tick shortest = 0;
    for (HeatmapView* heatmap : window_->plot_stack()->heatmaps()) {
      const QRect lane(heatmap->mapToGlobal(heatmap->lane_rect().topLeft()), heatmap->lane_rect().size());
      for (int x = lane.left() + 1; x < lane.right(); ++x) {
        for (int y = lane.top() + 1; y < lane.bottom(); ++y) {
          if (!image.rect().contains(x, y) || !is_marker_pixel(image.pixel(x, y))) continue;
          const QPoint local = heatmap->mapFromGlobal(QPoint(x, y));
          const std::int64_t index = heatmap->event_at(local);
          if (index < 0) {  // a marker that is no event: returned, so the caller's check fails on it
            if (best.first == nullptr) best = {heatmap, local};
            continue;
          }
          const OverloadEvent& event = heatmap->run().events()[static_cast<std::size_t>(index)];
          const Tick duration = event.end - event.start;
          if (best.first == nullptr || best.first->event_at(best.second) < 0 || duration < shortest) {
            best = {heatmap, local};
            shortest = duration;
          }
        }
      }
    }
    return best;
  }

  QWidget* visible_tooltip() const {
    for (QWidget* widget : QApplication::topLevelWidgets())
      if (widget->inherits("QTipLabel") && widget->isVisible()) return widget;
    return nullptr;
  }

 private slots:
  void initTestCase() {
    QVERIFY2(QGuiApplication::platformName() == "xcb",
             "run under X (xvfb-run, QT_QPA_PLATFORM=xcb): the script drives a real window");
    const QByteArray dir = qgetenv("ROUTELAB_PERSON_SCRIPT_DIR");
    QVERIFY2(!dir.isEmpty(), "set ROUTELAB_PERSON_SCRIPT_DIR to the screenshot folder");
    out_ = QDir(QString::fromLocal8Bit(dir));
    QVERIFY(out_.mkpath("."));
    for (const QString& old : out_.entryList({"*.png"})) out_.remove(old);
    window_ = std::make_unique<MainWindow>(registry_);
    window_->set_persist_settings(false);
    window_->resize(1600, 1000);
    window_->move(0, 0);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    window_->activateWindow();  // Qt shows tooltips for the active window only
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    QCursor::setPos(QGuiApplication::primaryScreen()->geometry().bottomRight());  // the real pointer out of the way
    QCOMPARE(window_->scenario_panel()->selected_routers(), (QStringList{"hash", "greedy"}));  // the app's defaults
  }

  void every_library_scenario_data() {
    QTest::addColumn<QString>("scenario");
    for (const BuiltinScenario& builtin : builtin_scenarios()) {
      const QString name = QString::fromUtf8(builtin.name.data(), static_cast<int>(builtin.name.size()));
      QTest::newRow(qPrintable(name)) << name;
    }
  }

  void every_library_scenario() {
    QFETCH(QString, scenario);
    MainWindow& window = *window_;
    // Open: click the scenario in the list.
    QTreeWidget* list = window.scenario_panel()->scenario_list();
    const auto items = list->findItems(scenario, Qt::MatchExactly, 0);
    QCOMPARE(items.size(), 1);
    list->scrollToItem(items.front());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(items.front()).center());
    QCOMPARE(window.scenario_panel()->scenario_key(), scenario);

    // Step three times: each is one batch in every run; the cursor marks the newest window.
    for (int step = 1; step <= kSteps; ++step) {
      click_action(window.run_toolbar()->step_action());
      if (QTest::currentTestFailed()) return;  // a helper failed: stop here
      QVERIFY(window.group() != nullptr);
      auto stepped = [&] {
        const std::vector<RunSession*> sessions = window.group()->sessions();
        return std::all_of(sessions.begin(), sessions.end(),
                           [&](RunSession* s) { return s->thread().batches() == step || s->thread().run_finished(); });
      };
      QTRY_VERIFY_WITH_TIMEOUT(stepped(), kRunTimeoutMs);
    }
    QCOMPARE(window.group()->scenario().name, load_builtin_scenario(scenario.toStdString()).name);
    // A window shows once the run has passed its end; bursty arrivals may keep three batches in the first.
    QTest::qWait(100);
    if (window.axis().extent() > 0)
      QTRY_COMPARE_WITH_TIMEOUT(window.axis().cursor(), static_cast<double>(window.axis().extent()) - 0.5, 5000);
    screenshot(scenario + "-1-steps", true);
    if (QTest::currentTestFailed()) return;  // a helper failed: stop here

    // Fast: to the end.
    click_action(window.run_toolbar()->fast_action());
    if (QTest::currentTestFailed()) return;  // a helper failed: stop here
    QTRY_VERIFY_WITH_TIMEOUT(window.group()->state() == GroupState::finished, kRunTimeoutMs);
    QVERIFY2(window.group()->failure().isEmpty(), qPrintable(window.group()->failure()));
    QTRY_VERIFY_WITH_TIMEOUT(window.plot_stack()->heatmaps().front()->run().windows() == window.axis().extent(), 5000);
    QVERIFY(window.axis().extent() >= 200);  // the app's time resolution
    const QImage finished = screenshot(scenario + "-2-finished", true);
    if (QTest::currentTestFailed()) return;  // a helper failed: stop here

    // Zoom: one wheel notch over the first heatmap shows 80% of the span.
    HeatmapView* first = window.plot_stack()->heatmaps().front();
    const double span = window.axis().span();
    const QPointF centre = first->plot_rect().center();
    QWheelEvent wheel(centre, first->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(first, &wheel);
    QVERIFY2(std::fabs(window.axis().span() - span * TimeView::kWheelZoomStep) < 1e-6 * span,
             qPrintable(QString("span %1 after a notch from %2").arg(window.axis().span()).arg(span)));
    screenshot(scenario + "-3-zoomed", true);
    if (QTest::currentTestFailed()) return;  // a helper failed: stop here
    QTest::keyClick(first, Qt::Key_Home);  // focus the plot; Ctrl+0 is the window's Fit shortcut
    QTest::keyClick(&window, Qt::Key_0, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(std::fabs(window.axis().span() - span) < 1e-6 * span, 2000);

    // Find an overload marker where a person would: in the lane, in the screenshot.
    const auto [heatmap, position] = find_marker(finished);
    std::size_t events = 0;
    for (const HeatmapView* h : window.plot_stack()->heatmaps()) events += h->run().events().size();
    if (heatmap == nullptr) {
      qInfo("%s: no overload event in the lanes (%zu events in the runs): hover and click skipped", qPrintable(scenario), events);
      QCOMPARE(events, std::size_t{0});  // a run with events shows them in its lane
      return;
    }
    ++with_overloads_;
    const std::int64_t index = heatmap->event_at(position);
    QVERIFY2(index >= 0, "the marker pixel is an event of the view");
    const OverloadEvent event = heatmap->run().events()[static_cast<std::size_t>(index)];

    QVERIFY(QTest::qWaitForWindowActive(&window));
    // Hover: the card shows, names the router and the expert, and is in the screenshot.
    // Qt wakes the tooltip after the pointer rests; a move that lands where the last one ended
    // starts no timer, so come from a pixel beside it (and once more if the card did not show).
    for (int attempt = 0; attempt < 3 && visible_tooltip() == nullptr; ++attempt) {
      QTest::mouseMove(heatmap, position + QPoint(attempt % 2 == 0 ? -1 : 1, 0));
      QTest::mouseMove(heatmap, position);
      QTest::qWaitFor([&] { return visible_tooltip() != nullptr; }, kTooltipTimeoutMs / 3);
    }
    QVERIFY(visible_tooltip() != nullptr);
    const QString card = QToolTip::text();
    const QString names = QString("Overload: %1, expert %2").arg(QString::fromStdString(heatmap->run().label())).arg(event.expert);
    QVERIFY2(card.contains(names), qPrintable(card));
    const QImage hovered = screenshot(scenario + "-4-hover", false);
    if (QTest::currentTestFailed()) return;  // a helper failed: stop here
    const QWidget* tip = visible_tooltip();
    QVERIFY(tip != nullptr);
    const QRect tip_rect = tip->frameGeometry().intersected(hovered.rect());
    const ImageSpread tip_spread = image_spread(hovered.copy(tip_rect));
    int background = 0;
    const QRgb base = tip->palette().color(QPalette::ToolTipBase).rgb() & 0xffffff;
    for (int y = tip_rect.top(); y <= tip_rect.bottom(); ++y)
      for (int x = tip_rect.left(); x <= tip_rect.right(); ++x) background += (hovered.pixel(x, y) & 0xffffff) == base;
    QVERIFY2(tip_rect.height() > 40 && background > tip_rect.width() * tip_rect.height() / 2 && tip_spread.distinct_colours > 2,
             "the hover card is drawn in the screenshot (its background, with text on it)");

    // Click: the view zooms to the event, its expert highlighted.
    QTest::mouseClick(heatmap, Qt::LeftButton, {}, position);
    const double start = heatmap->run().window_of_tick(event.start);
    const double end = heatmap->run().window_of_tick(event.end);
    QVERIFY2(window.axis().first() <= start && window.axis().last() >= std::min(end, static_cast<double>(window.axis().extent())),
             "the event is in view");
    QVERIFY(window.axis().span() <= std::max(2 * (end - start) + 1.0, TimeAxis::kMinSpanWindows) + 1e-6);
    if (end - start < static_cast<double>(window.axis().extent()) / 2) QVERIFY(window.axis().span() < span);
    QCOMPARE(window.axis().highlighted_expert(), event.expert);
    QCOMPARE(heatmap->focused_event(), index);
    QTest::mouseMove(window.run_toolbar());  // the card goes with the pointer
    screenshot(scenario + "-5-clicked", false);
    if (QTest::currentTestFailed()) return;  // a helper failed: stop here
  }

  void several_scenarios_have_overloads() {
    qInfo("%d of %zu library scenarios had an overload to hover and click; %d screenshots in %s", with_overloads_,
          builtin_scenarios().size(), screenshots_, qPrintable(out_.path()));
    QVERIFY(with_overloads_ >= kMinScenariosWithOverloads);
  }

  void a_sweep_point_opens_as_a_run() {
    const QString database = out_.filePath("sweep.sqlite");
    QFile::remove(database);
    QVERIFY(!run_cli({"sweep", "run", QDir(ROUTELAB_EXAMPLES_DIR).filePath("sweeps/capacity-vs-skew.toml"), "--db", database,
                      "--jobs", "2", "--filter", "router in ['greedy', 'hash'] and experts.count == 16 and tokens.zipf_s == 1.2"})
                 .isEmpty());
    QString error;
    SweepBrowser* browser = window_->open_sweep_database(database, &error);
    QVERIFY2(browser != nullptr, qPrintable(error));
    QVERIFY(QTest::qWaitForWindowExposed(browser));
    SweepChartPanel* panel = browser->chart_panel();
    QVERIFY(panel != nullptr);
    QVERIFY(!panel->chart()->data().series.empty());
    QTest::mouseClick(panel->chart(), Qt::LeftButton, {}, panel->chart()->point_position({0, 0}).toPoint());
    QVERIFY(panel->point_runs()->rowCount() > 0);
    QTest::mouseClick(panel->point_runs()->viewport(), Qt::LeftButton, {},
                      panel->point_runs()->visualItemRect(panel->point_runs()->item(0, 0)).center());
    screenshot("sweep-1-chart", false);
    if (QTest::currentTestFailed()) return;  // a helper failed: stop here
    QSignalSpy checked(window_.get(), &MainWindow::saved_run_checked);
    QTest::mouseClick(panel->open_button(), Qt::LeftButton);
    QVERIFY(checked.wait(kRunTimeoutMs) || !checked.isEmpty());
    QVERIFY2(checked.front()[0].toBool(), qPrintable(checked.front()[1].toString()));
    browser->close();  // a person closes the browser to look at the run
    QCOMPARE(window_->plot_stack()->heatmaps().size(), std::size_t{1});
    QCOMPARE(window_->plot_stack()->heatmaps().front()->run().experts(), 16);
    screenshot("sweep-2-point-as-run", true);
    if (QTest::currentTestFailed()) return;  // a helper failed: stop here
  }

  void cleanupTestCase() { window_.reset(); }
};

std::unique_ptr<QObject> make_person_script_test() { return std::make_unique<PersonScriptTest>(); }

}  // namespace routelab::gui::tests

#include "person_script_test.moc"
