// Readable heatmaps: overload markers live in a lane under the plot (never over the data), a
// position on the lane hit-tests to its event, the hover card names the event, a click zooms to
// it; rows keep a minimum height; squeezed charts keep labels; log and linear colour scales; one
// expert selection for typed and clicked rows; any per-expert series in the chart.
#include <QApplication>
#include <QHelpEvent>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

#include <cmath>
#include <memory>

#include "gui/app/main_window.hpp"
#include "gui/tests/gui_test_suites.hpp"
#include "gui/tests/test_data.hpp"
#include "gui/views/color_scale.hpp"
#include "gui/views/heatmap_view.hpp"
#include "gui/views/line_chart_view.hpp"
#include "gui/views/nice_ticks.hpp"
#include "gui/views/plot_stack.hpp"
#include "gui/views/time_axis.hpp"
#include "scenarios/scenario_library.hpp"

namespace routelab::gui::tests {

namespace {

constexpr int kExperts = 64;
constexpr std::int64_t kWindows = 100;  // window ticks: 100

// Event 0: expert 5, windows 10-15, queue cause; event 1: expert 40, windows 60-70, arrivals.
void add_two_events(RunHistory& run) {
  run.add_event({5, 1000, 1500, 30, OverloadCause::queue_above_threshold});
  run.add_event({40, 6000, 7000, 12, OverloadCause::arrivals_above_capacity});
}

struct ShownHeatmap {
  TimeAxis axis;
  HeatmapStyle style;
  std::unique_ptr<HeatmapView> view;
  ShownHeatmap(const RunHistory& run, QSize size) {
    style.scale_max = run.channel(style.channel).max_value();
    view = std::make_unique<HeatmapView>(axis, run, style, QColor(Qt::blue));
    view->resize(size);
    view->show();
    axis.set_extent(run.windows());
    axis.fit();
  }
};

}  // namespace

class HeatmapViewsTest : public QObject {
  Q_OBJECT

 private:
  RouterRegistry registry_ = builtin_router_registry();

 private slots:
  void a_lane_position_hit_tests_to_its_event() {
    RunHistory run = make_synthetic_history("hash", kExperts, kWindows);
    add_two_events(run);
    ShownHeatmap shown(run, {800, 400});
    QVERIFY(QTest::qWaitForWindowExposed(shown.view.get()));
    HeatmapView& view = *shown.view;
    const QRect lane = view.lane_rect();
    QVERIFY(lane.top() > view.plot_rect().bottom());  // under the data, not over it
    for (const std::size_t event : {std::size_t{0}, std::size_t{1}}) {
      const QPointF point = view.lane_point_of(event);
      QVERIFY(lane.adjusted(0, 0, 1, 1).contains(point.toPoint()));
      QCOMPARE(view.event_at(point), static_cast<std::int64_t>(event));
    }
    // The queue event's time, but the arrivals sub-lane: nothing there.
    const QPointF queue_point = view.lane_point_of(0);
    QCOMPARE(view.event_at({queue_point.x(), queue_point.y() + HeatmapView::kSubLaneHeight}), std::int64_t{-1});
    QCOMPARE(view.event_at({view.x_of(40), queue_point.y()}), std::int64_t{-1});  // no event at window 40
    QCOMPARE(view.event_at({queue_point.x(), static_cast<double>(view.plot_rect().center().y())}), std::int64_t{-1});  // over the data
  }

  void markers_never_cover_the_data() {
    RunHistory plain = make_synthetic_history("hash", kExperts, kWindows);
    RunHistory with_events = make_synthetic_history("hash", kExperts, kWindows);
    // A dense run: an event on every expert in every window, both causes.
    for (std::int64_t w = 0; w < kWindows; ++w)
      for (int e = 0; e < kExperts; ++e)
        with_events.add_event({static_cast<ExpertId>(e), w * 100, w * 100 + 60, e, e % 2 ? OverloadCause::queue_above_threshold
                                                                                     : OverloadCause::arrivals_above_capacity});
    ShownHeatmap a(plain, {900, 420});
    ShownHeatmap b(with_events, {900, 420});
    QVERIFY(QTest::qWaitForWindowExposed(b.view.get()));
    const QImage clean = a.view->grab().toImage();
    const QImage marked = b.view->grab().toImage();
    const QRect plot = a.view->plot_rect();
    int differing = 0;
    for (int y = plot.top(); y <= plot.bottom(); ++y)
      for (int x = plot.left(); x <= plot.right(); ++x) differing += clean.pixel(x, y) != marked.pixel(x, y);
    QCOMPARE(differing, 0);
    // ... and the lane shows them, in both causes' colours.
    const QRect lane = b.view->lane_rect();
    bool queue_colour = false, arrivals_colour = false;
    for (int x = lane.left() + 2; x < lane.right() - 2; ++x) {
      const QColor top = marked.pixelColor(x, lane.top() + HeatmapView::kSubLaneHeight / 2);
      const QColor bottom = marked.pixelColor(x, lane.top() + HeatmapView::kSubLaneHeight + HeatmapView::kSubLaneHeight / 2);
      queue_colour |= top.red() > 200 && top.blue() < 150;
      arrivals_colour |= bottom.red() > 150 && bottom.blue() > 100 && bottom.green() < 120;
    }
    QVERIFY(queue_colour && arrivals_colour);
    // Dense: every lane column hit-tests to an event covering it.
    const std::int64_t hit = b.view->event_at({b.view->x_of(50.3), static_cast<double>(lane.top() + 2)});
    QVERIFY(hit >= 0);
    const OverloadEvent& event = with_events.events()[static_cast<std::size_t>(hit)];
    QVERIFY(event.start <= 5030 + 100 && event.end >= 5030 - 100);
    QCOMPARE(event.cause, OverloadCause::queue_above_threshold);
    QCOMPARE(event.expert, ExpertId{kExperts - 1});  // the highest peak there
  }

  void hover_card_names_the_event() {
    RunHistory run = make_synthetic_history("hash", kExperts, kWindows);
    add_two_events(run);
    ShownHeatmap shown(run, {800, 400});
    QVERIFY(QTest::qWaitForWindowExposed(shown.view.get()));
    const QPoint point = shown.view->lane_point_of(1).toPoint();
    const QString card = shown.view->hover_text_at(point);
    for (const char* part : {"hash", "expert 40", "arrivals above capacity", "start: tick 6000", "window 60.00",
                             "end: tick 7000", "window 70.00", "peak: 12"})
      QVERIFY2(card.contains(part), qPrintable(card + "\nlacks: " + part));
    // The tooltip event shows that card and outlines the event.
    QHelpEvent help(QEvent::ToolTip, point, shown.view->mapToGlobal(point));
    QApplication::sendEvent(shown.view.get(), &help);
    QCOMPARE(shown.view->focused_event(), std::int64_t{1});
    QTRY_COMPARE(QToolTip::text(), card);
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(shown.view.get(), &leave);
    QCOMPARE(shown.view->focused_event(), std::int64_t{-1});  // nothing clicked: the outline goes
    // Over the data the card is the cell's value.
    QVERIFY(shown.view->hover_text_at(shown.view->plot_rect().center()).contains("window"));
  }

  void click_zooms_to_the_event() {
    RunHistory run = make_synthetic_history("hash", kExperts, kWindows);
    add_two_events(run);
    ShownHeatmap shown(run, {800, 400});
    QVERIFY(QTest::qWaitForWindowExposed(shown.view.get()));
    QSignalSpy clicked(shown.view.get(), &HeatmapView::event_clicked);
    QTest::mouseClick(shown.view.get(), Qt::LeftButton, {}, shown.view->lane_point_of(1).toPoint());
    QCOMPARE(clicked.count(), 1);
    // Windows 60-70 with half the duration either side.
    QCOMPARE(shown.axis.first(), 55.0);
    QCOMPARE(shown.axis.last(), 75.0);
    QCOMPARE(shown.axis.cursor(), 60.0);
    QCOMPARE(shown.axis.highlighted_expert(), 40);
    QCOMPARE(shown.view->focused_event(), std::int64_t{1});
  }

  void rows_keep_a_minimum_height() {
    RunHistory hash = make_synthetic_history("hash", kExperts, kWindows);
    RunHistory greedy = make_synthetic_history("greedy", kExperts, kWindows, 9);
    TimeAxis axis;
    PlotStack stack(axis);
    stack.set_runs({&hash, &greedy});
    // The plot area of a 1920x1080 window with the docks of the default layout.
    stack.resize(1580, 760);
    stack.show();
    QVERIFY(QTest::qWaitForWindowExposed(&stack));
    for (const HeatmapView* view : stack.heatmaps())
      QVERIFY2(view->plot_rect().height() >= kExperts * HeatmapView::kMinPixelsPerExpert,
               qPrintable(QString::number(view->plot_rect().height())));
    // A small window scrolls instead of squeezing the rows.
    stack.resize(1200, 420);
    QTRY_VERIFY(stack.scroll_area()->verticalScrollBar()->maximum() > 0);
    for (const HeatmapView* view : stack.heatmaps())
      QVERIFY(view->plot_rect().height() >= kExperts * HeatmapView::kMinPixelsPerExpert);
  }

  void squeezed_charts_keep_labels() {
    QCOMPARE(label_stride(std::vector<double>{0, 10, 20, 30, 40}, 9), 1);
    QCOMPARE(label_stride(std::vector<double>{0, 10, 20, 30, 40}, 15), 2);  // every other one
    QCOMPARE(label_stride(std::vector<double>{0, 10, 20, 30, 40}, 100), 5);  // only the first
    RunHistory run = make_synthetic_history("hash", 8, kWindows);
    TimeAxis axis;
    axis.set_extent(kWindows);
    LineChartView chart(axis, "max load");
    chart.set_lines({{"hash", Qt::blue, Qt::SolidLine, scalar_series(run, WindowScalar::max_load)}});
    chart.resize(600, chart.minimumSizeHint().height());
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const auto labels = chart.value_axis_labels();
    QVERIFY2(labels.size() >= 2, qPrintable(QString::number(labels.size())));
    for (const AxisLabel& label : labels) QVERIFY(label.y > 0 && label.y <= chart.height());
    for (std::size_t i = 1; i < labels.size(); ++i)
      QVERIFY(std::abs(labels[i].y - labels[i - 1].y) >= chart.fontMetrics().height() - 1);
  }

  void log_and_linear_colour_scales() {
    const double max = 400;
    for (const ScaleKind kind : {ScaleKind::linear, ScaleKind::log}) {
      QCOMPARE(ColorScale::position(0, max, kind), 0.0);
      QCOMPARE(ColorScale::position(max, max, kind), 1.0);
      double previous = 0;
      for (double v = 1; v < max; v *= 1.5) {
        const double p = ColorScale::position(v, max, kind);
        QVERIFY(p > previous);
        previous = p;
        QVERIFY(std::abs(ColorScale::value_at(p, max, kind) - v) < 1e-6 * max);
      }
    }
    // A hundredth of the maximum: a third up the bar on the log scale, at the bottom on the linear.
    QVERIFY(ColorScale::position(4, max, ScaleKind::log) > 0.3);
    QCOMPARE(ColorScale::position(4, max, ScaleKind::linear), 0.01);
    ColorScale scale;
    scale.prepare(ScaleKind::log, 400);
    QCOMPARE(scale.lookup(400), scale.table()[255]);
    QCOMPARE(scale.lookup(0), scale.table()[0]);
    QVERIFY(scale.lookup(4) != scale.color(4, 400, ScaleKind::linear));
    // The heatmap paints with the scale chosen.
    RunHistory run = make_synthetic_history("hash", kExperts, kWindows);
    ShownHeatmap shown(run, {700, 400});
    QVERIFY(QTest::qWaitForWindowExposed(shown.view.get()));
    const QImage linear = shown.view->grab().toImage();
    shown.style.scale = ScaleKind::log;
    const QImage log = shown.view->grab().toImage();
    const QPoint centre = shown.view->plot_rect().center();
    QVERIFY(linear.pixel(centre) != log.pixel(centre));
  }

  void typed_and_clicked_experts_are_one_selection() {
    MainWindow window(registry_);
    window.set_persist_settings(false);
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString error;
    QVERIFY2(window.start_runs(load_builtin_scenario(kDefaultScenario), {"hash", "greedy"}, 0, &error), qPrintable(error));
    auto* edit = window.findChild<QLineEdit*>("experts_edit");
    QVERIFY(edit);
    edit->setText("17, 3");
    emit edit->editingFinished();
    PlotStack& stack = *window.plot_stack();
    QCOMPARE(stack.selected_experts(), (std::vector<int>{3, 17}));
    QCOMPARE(stack.expert_chart()->lines().size(), std::size_t{4});  // two experts, two runs
    // A click on expert 20's row of the second heatmap adds it, and the text follows.
    HeatmapView& view = *stack.heatmaps()[1];
    QTRY_VERIFY(view.plot_rect().height() >= kExperts * HeatmapView::kMinPixelsPerExpert);
    const QRect plot = view.plot_rect();
    const int y = plot.top() + static_cast<int>((20.5) * plot.height() / view.run().experts());
    QCOMPARE(view.expert_at(y), 20);
    QTest::mouseClick(&view, Qt::LeftButton, {}, {plot.center().x(), y});
    QCOMPARE(stack.selected_experts(), (std::vector<int>{3, 17, 20}));
    QCOMPARE(edit->text(), QString("3, 17, 20"));
    QCOMPARE(window.axis().highlighted_expert(), 20);
    // A second click removes it again.
    QTest::mouseClick(&view, Qt::LeftButton, {}, {plot.center().x(), y});
    QCOMPARE(edit->text(), QString("3, 17"));
  }

  void any_per_expert_series_in_the_chart() {
    RunHistory run = make_synthetic_history("hash", kExperts, kWindows);
    TimeAxis axis;
    PlotStack stack(axis);
    stack.set_runs({&run});
    stack.set_selected_experts({3});
    for (const ExpertChannel channel : kAllChannels) {
      stack.set_expert_series(channel);
      const auto& lines = stack.expert_chart()->lines();
      QCOMPARE(lines.size(), std::size_t{1});
      QCOMPARE(lines[0].label, QString("hash e3"));
      QVERIFY(stack.expert_chart()->title().startsWith(QString::fromUtf8(channel_title(channel).data())));
      for (const std::int64_t w : {0, 41, 99})
        QCOMPARE(lines[0].source->value_at(w), static_cast<double>(run.channel(channel).aggregate_row(w, w + 1, 3)));
    }
    // None selected: the maximum over the experts, of any channel.
    stack.set_selected_experts({});
    stack.set_expert_series(ExpertChannel::utilization);
    const auto& lines = stack.expert_chart()->lines();
    QCOMPARE(lines.size(), std::size_t{1});
    float most = 0;
    for (int e = 0; e < kExperts; ++e) most = std::max(most, run.channel(ExpertChannel::utilization).aggregate_row(41, 42, e));
    QCOMPARE(lines[0].source->value_at(41), static_cast<double>(most));
    // The view CSV names the series it exports.
    stack.set_selected_experts({3});
    stack.set_expert_series(ExpertChannel::drops);
    axis.set_extent(kWindows);
    axis.fit();
    const std::string csv = stack.series_csv_text();
    QVERIFY(csv.substr(0, csv.find('\n')).find("hash.drops_e3") != std::string::npos);
  }
};

std::unique_ptr<QObject> make_heatmap_views_test() { return std::make_unique<HeatmapViewsTest>(); }

}  // namespace routelab::gui::tests

#include "heatmap_views_test.moc"
