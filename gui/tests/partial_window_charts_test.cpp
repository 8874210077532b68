// A partial last window drawn as partial, not as a collapse (issue 18): the line charts draw its
// point in the middle of the part of it the run covered and hatch the rest as the heatmaps do, and
// a per-window count (load, drops) is a rate there -- divided by the covered fraction -- while a
// ratio, a percentile or a peak keeps its value. On the default scenario at 9,600-tick windows
// (six batches) the last window holds the last batch and the drain after it: about 0.41 covered (3,973 ticks).
#include <QImage>
#include <QTest>

#include <cmath>
#include <memory>

#include "gui/data/series_rate.hpp"
#include "gui/tests/gui_test_suites.hpp"
#include "gui/tests/hatch_pixels.hpp"
#include "gui/tests/run_group_to_end.hpp"
#include "gui/views/line_chart_view.hpp"
#include "gui/views/plot_stack.hpp"
#include "gui/views/time_axis.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_library.hpp"

namespace routelab::gui::tests {

namespace {

constexpr Tick kWindowTicks = 9600;
const QColor kLineColour(0, 0, 255);

bool is_line_pixel(QRgb pixel) {
  return qBlue(pixel) > qRed(pixel) + 80 && qBlue(pixel) > qGreen(pixel) + 80;
}

}  // namespace

class PartialWindowChartsTest : public QObject {
  Q_OBJECT

 private:
  RouterRegistry registry_ = builtin_router_registry();
  TrainedModelCache models_;
  RunBuilder builder_{registry_, models_};
  std::unique_ptr<RunGroup> group_;

  const RunHistory& history() const { return *group_->histories().front(); }
  std::int64_t last() const { return history().windows() - 1; }
  double raw(WindowScalar which, std::int64_t window) const {
    return history().scalar(which)[static_cast<std::size_t>(window)];
  }
  double raw(ExpertChannel which, std::int64_t window, int expert) const {
    return history().channel(which).aggregate_row(window, window + 1, expert);
  }

 private slots:
  void initTestCase() {
    group_ = run_group_to_end(builder_, load_builtin_scenario(kDefaultScenario), {{"hash", {}}}, 0, kWindowTicks);
    QVERIFY(group_->all_finished());
    QCOMPARE(group_->window_ticks(), kWindowTicks);
  }

  void the_last_window_is_partial_and_holds_the_last_batch() {
    const double fraction = history().coverage().fraction(last());
    qInfo("%lld windows; the last covers %lld of %lld ticks (%.3f)", static_cast<long long>(history().windows()),
          static_cast<long long>(history().coverage().covered_ticks(last())), static_cast<long long>(kWindowTicks),
          fraction);
    QVERIFY2(fraction > 0.3 && fraction < 0.45, qPrintable(QString::number(fraction)));
    QCOMPARE(history().end_window(), static_cast<double>(last()) + fraction);
    QCOMPARE(history().coverage().partial_windows().size(), std::size_t{1});  // only the last one
    // Arrivals in it (the last batch), so a rate and a count differ there: the tests below can fail.
    QVERIFY(raw(WindowScalar::max_load, last()) > 0);
  }

  void counts_are_rates_in_the_partial_window_and_the_rest_is_unscaled() {
    TimeAxis axis;
    PlotStack stack(axis);
    stack.set_runs({&history()});
    const std::vector<LineChartView*>& charts = stack.charts();  // load, drop rate, latency, per expert
    const std::int64_t w = last();
    const double fraction = history().coverage().fraction(w);

    const auto& load = charts[0]->lines();  // max, mean
    QCOMPARE(load[0].source->value_at(w), raw(WindowScalar::max_load, w) / fraction);
    QCOMPARE(load[1].source->value_at(w), raw(WindowScalar::mean_load, w) / fraction);
    QCOMPARE(load[0].source->value_at(w - 1), raw(WindowScalar::max_load, w - 1));  // whole windows: as they are
    // Zoomed out, a pixel column holding the partial window draws its rate.
    QCOMPARE(load[0].source->envelope(w - 3, w + 1).high,
             std::max({raw(WindowScalar::max_load, w) / fraction, raw(WindowScalar::max_load, w - 1),
                       raw(WindowScalar::max_load, w - 2), raw(WindowScalar::max_load, w - 3)}));
    // Not counts: the drop rate and the latency p99 keep their values.
    QCOMPARE(charts[1]->lines()[0].source->value_at(w), raw(WindowScalar::drop_rate, w));
    QVERIFY(!std::isnan(raw(WindowScalar::latency_p99, w)));
    QCOMPARE(charts[2]->lines()[0].source->value_at(w), raw(WindowScalar::latency_p99, w));
    // Making a rate of a rate scales once.
    QCOMPARE(per_window_rate(load[0].source)->value_at(w), load[0].source->value_at(w));

    // The per-expert chart: with none selected the max over experts (peak queue: unscaled) ...
    stack.set_expert_series(ExpertChannel::queue);
    QCOMPARE(charts[3]->lines()[0].source->value_at(w), raw(WindowScalar::max_queue, w));
    stack.set_expert_series(ExpertChannel::load);
    QCOMPARE(charts[3]->lines()[0].source->value_at(w), raw(WindowScalar::max_load, w) / fraction);
    // ... and for a selected expert (one the last batch reached), every channel.
    int expert = 0;
    while (expert < history().experts() && raw(ExpertChannel::load, w, expert) == 0) ++expert;
    QVERIFY(expert < history().experts());
    stack.set_selected_experts({expert});
    for (const ExpertChannel channel : kAllChannels) {
      stack.set_expert_series(channel);
      const double scale = is_per_window_count(channel) ? fraction : 1.0;
      QCOMPARE(charts[3]->lines()[0].source->value_at(w), raw(channel, w, expert) / scale);
      QCOMPARE(charts[3]->lines()[0].source->value_at(w - 1), raw(channel, w - 1, expert));
    }
  }

  void the_partial_point_sits_in_its_covered_part_and_the_rest_is_hatched() {
    TimeAxis axis;
    LineChartView chart(axis, "max load");
    chart.set_lines({{"hash", kLineColour, Qt::SolidLine, scalar_series(history(), WindowScalar::max_load)}});
    chart.resize(800, 240);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const std::int64_t windows = history().windows();
    axis.set_extent(windows);
    axis.set_range(static_cast<double>(windows) - TimeAxis::kMinSpanWindows, static_cast<double>(windows));
    const double fraction = history().coverage().fraction(last());
    QCOMPARE(chart.data_end_window(), history().end_window());
    QCOMPARE(chart.data_windows(), windows);

    const QImage image = chart.grab().toImage();
    const QRect plot = chart.plot_rect();
    // The line's last point: at the middle of the covered part, well left of the window's centre.
    int rightmost = -1;
    for (int x = plot.left(); x <= plot.right(); ++x)
      for (int y = plot.top() + 1; y < plot.bottom(); ++y)
        if (is_line_pixel(image.pixel(x, y))) rightmost = x;
    const double expected = chart.x_of(static_cast<double>(last()) + fraction / 2);
    QVERIFY(chart.x_of(static_cast<double>(last()) + 0.5) - expected > 30);  // the two are told apart
    QVERIFY2(std::abs(rightmost - expected) <= 2,
             qPrintable(QString("last point at x %1, expected %2").arg(rightmost).arg(expected)));

    // Past the data's end: hatched; between the last point and the data's end: not.
    const QRgb base = chart.palette().base().color().rgb();
    const int end_x = static_cast<int>(std::ceil(chart.x_of(history().end_window())));
    const double past_end = hatch_share(image, end_x + 2, plot.right() - 2, plot.top() + 2, plot.bottom() - 2, base);
    const double before_end =
        hatch_share(image, rightmost + 3, end_x - 3, plot.top() + 2, plot.bottom() - 2, base);
    QVERIFY2(past_end > 0.05, qPrintable(QString::number(past_end)));
    QVERIFY2(before_end == 0, qPrintable(QString::number(before_end)));
  }
};

std::unique_ptr<QObject> make_partial_window_charts_test() { return std::make_unique<PartialWindowChartsTest>(); }

}  // namespace routelab::gui::tests

#include "partial_window_charts_test.moc"
