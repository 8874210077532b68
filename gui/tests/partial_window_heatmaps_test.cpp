// Partial windows in the heatmaps and mid-run layers (issue 18, after the line charts' change):
// - a per-window count's partial last window is coloured as its rate (count / covered fraction),
//   the rate the line charts draw, on a colour scale whose top the stacked runs take from their
//   rates (so the rate is never past the scale), while a non-count (queue) keeps its value;
// - the partial window a layer of a layered trace ends in, mid-run, is hatched after the layer's
//   end as a run's last window is, in the heatmap and in the line charts (uncovered_spans, checked
//   tick by tick against a brute-force oracle);
// - the cluster heatmaps at a window shorter than the batch interval sum whole batch intervals
//   (ClusterHistory's span), so no column is empty between two steps, and still add up to the run.
#include <QImage>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>

#include "gui/data/cluster_series.hpp"
#include "gui/data/series_rate.hpp"
#include "gui/data/uncovered_spans.hpp"
#include "gui/run/display_window.hpp"
#include "gui/tests/gui_test_suites.hpp"
#include "gui/tests/hatch_pixels.hpp"
#include "gui/tests/run_group_to_end.hpp"
#include "gui/views/cluster_panel.hpp"
#include "gui/views/color_scale.hpp"
#include "gui/views/heatmap_view.hpp"
#include "gui/views/line_chart_view.hpp"
#include "gui/views/plot_stack.hpp"
#include "gui/views/time_axis.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/run_builder/run_key.hpp"
#include "scenarios/scenario_library.hpp"

namespace routelab::gui::tests {

namespace {

constexpr Tick kDefaultWindowTicks = 9600;  // the default scenario's last window: ~0.41 covered
constexpr Tick kLayerWindowTicks = 700;     // deepseek-layers: every layer ends in a partial window

QString share_text(double share) { return QString::number(share, 'f', 3); }

}  // namespace

class PartialWindowHeatmapsTest : public QObject {
  Q_OBJECT

 private:
  RouterRegistry registry_ = builtin_router_registry();
  TrainedModelCache models_;
  RunBuilder builder_{registry_, models_};
  std::unique_ptr<RunGroup> default_runs_;  // hash and greedy on the default scenario
  std::unique_ptr<RunGroup> layered_run_;   // hash on deepseek-layers

  // The painted heatmap of `run`'s view in `stack`, showing the last windows.
  static QImage grab_last_windows(PlotStack& stack, TimeAxis& axis, std::size_t run) {
    HeatmapView& view = *stack.heatmaps()[run];
    const std::int64_t windows = view.run().windows();
    axis.set_extent(windows);
    axis.set_range(static_cast<double>(windows) - TimeAxis::kMinSpanWindows, static_cast<double>(windows));
    return view.grab().toImage();
  }

 private slots:
  void initTestCase() {
    default_runs_ = run_group_to_end(builder_, load_builtin_scenario(kDefaultScenario),
                                     {RouterSpec{"hash", {}}, RouterSpec{"greedy", {}}}, 0, kDefaultWindowTicks);
    QVERIFY(default_runs_->all_finished());
    layered_run_ = run_group_to_end(builder_, load_builtin_scenario("deepseek-layers"), {RouterSpec{"hash", {}}}, 0,
                                    kLayerWindowTicks);
    QVERIFY(layered_run_->all_finished());
  }

  void the_last_column_is_coloured_as_the_rate_on_a_scale_of_rates() {
    const std::vector<const RunHistory*> runs = default_runs_->histories();
    TimeAxis axis;
    PlotStack stack(axis);
    stack.resize(1000, 1400);
    stack.set_runs(runs);
    stack.show();
    QVERIFY(QTest::qWaitForWindowExposed(&stack));

    for (const ExpertChannel channel : kAllChannels) {
      stack.set_channel(channel);
      // The shared scale's top: the largest drawn value of any run, rates included.
      float expected_max = 0;
      for (const RunHistory* run : runs) expected_max = std::max(expected_max, channel_rate_max(*run, channel));
      QCOMPARE(stack.heatmap_style().scale_max, expected_max);
      for (std::size_t r = 0; r < runs.size(); ++r) {
        const RunHistory& run = *runs[r];
        const std::int64_t last = run.windows() - 1;
        const double fraction = run.coverage().fraction(last);
        QVERIFY(fraction > 0.3 && fraction < 0.45);
        const double scale = is_per_window_count(channel) ? fraction : 1.0;
        HeatmapView& view = *stack.heatmaps()[r];
        const QImage image = grab_last_windows(stack, axis, r);
        const HeatmapRaster raster = view.current_raster();
        QCOMPARE(raster.rows, run.experts());  // one row per expert: the cells are the experts' values
        const int covered_column = static_cast<int>(view.x_of(static_cast<double>(last) + fraction / 2)) - view.plot_rect().left();
        const int whole_column = static_cast<int>(view.x_of(static_cast<double>(last) - 0.5)) - view.plot_rect().left();
        QCOMPARE(raster.first_window[static_cast<std::size_t>(covered_column)], last);
        QCOMPARE(raster.first_window[static_cast<std::size_t>(whole_column)], last - 1);
        ColorScale colours;
        colours.prepare(ScaleKind::linear, stack.heatmap_style().scale_max);
        int differs = 0;  // cells where a rate and a count are told apart: the test can fail
        for (int e = 0; e < run.experts(); ++e) {
          const float count = run.channel(channel).aggregate_row(last, last + 1, e);
          const auto rate = static_cast<float>(static_cast<double>(count) / scale);
          const float value = raster.values[static_cast<std::size_t>(covered_column * raster.rows + e)];
          QCOMPARE(value, rate);
          QVERIFY(value <= stack.heatmap_style().scale_max);
          QCOMPARE(raster.values[static_cast<std::size_t>(whole_column * raster.rows + e)],
                   run.channel(channel).aggregate_row(last - 1, last, e));  // a whole window: as it is
          // The painted pixel in the middle of the expert's row, in the covered part: the rate's colour.
          const QRect plot = view.plot_rect();
          const int y = plot.top() + static_cast<int>((e + 0.5) * plot.height() / run.experts());
          const int x = plot.left() + covered_column;
          QCOMPARE(QColor(image.pixel(x, y)).name(), QColor(colours.lookup(rate)).name());
          if (colours.lookup(rate) != colours.lookup(count)) ++differs;
        }
        if (is_per_window_count(channel) && channel == ExpertChannel::load)
          QVERIFY2(differs > 0, qPrintable(QString("%1: no cell tells the rate from the count").arg(run.label().c_str())));
        // The hover card says what the colour shows.
        if (is_per_window_count(channel)) {
          const QRect plot = view.plot_rect();
          const QString card = view.hover_text_at({plot.left() + covered_column, plot.top() + 2});
          QVERIFY2(card.contains("a rate of"), qPrintable(card));
        }
      }
    }
  }

  void the_scale_top_counts_a_rate_above_every_count() {
    // A run whose partial window's rate tops every count: the scale's max is that rate, not the count max.
    RunHistory run("synthetic", 2, 100);
    WindowRecord record;
    record.experts = 2;
    for (std::int64_t w = 0; w < 3; ++w) {
      record.index = w;
      record.start = w * 100;
      record.end = w == 2 ? w * 100 + 25 : (w + 1) * 100;  // the last window: a quarter covered
      record.channels.assign(static_cast<std::size_t>(kChannelCount * record.experts), 1.0f);  // expert 1: 1
      for (const ExpertChannel c : kAllChannels)  // expert 0: 10 in the whole windows, 3 in the partial one
        record.channels[static_cast<std::size_t>(index_of(c) * record.experts)] = w == 2 ? 3.0f : 10.0f;
      run.append(record);
    }
    QCOMPARE(run.channel(ExpertChannel::load).max_value(), 10.0f);
    QCOMPARE(channel_rate_max(run, ExpertChannel::load), 12.0f);   // 3 in a quarter of the window
    QCOMPARE(channel_rate_max(run, ExpertChannel::drops), 12.0f);
    QCOMPARE(channel_rate_max(run, ExpertChannel::queue), 10.0f);  // not a count: as it is
    QCOMPARE(channel_rate_max(run, ExpertChannel::utilization), 10.0f);
    // The stacked heatmaps' shared scale takes it: the partial window's cell is not past the top.
    TimeAxis axis;
    PlotStack stack(axis);
    stack.set_runs({&run});
    stack.set_channel(ExpertChannel::load);
    QCOMPARE(stack.heatmap_style().scale_max, 12.0f);
    stack.set_channel(ExpertChannel::queue);
    QCOMPARE(stack.heatmap_style().scale_max, 10.0f);
  }

  void uncovered_spans_match_a_tick_by_tick_oracle() {
    // Three runs of 10-tick windows with partial windows here and there (deterministic pattern),
    // of different lengths; the oracle marks every tick no run covers.
    constexpr Tick kTicks = 10;
    constexpr std::int64_t kWindows[] = {40, 37, 44};
    std::vector<WindowCoverage> coverages;
    for (std::size_t r = 0; r < std::size(kWindows); ++r) {
      WindowCoverage coverage(kTicks);
      for (std::int64_t w = 0; w < kWindows[r]; ++w) {
        const bool partial = (w * 7 + static_cast<std::int64_t>(r) * 3) % 5 == 0 || w == kWindows[r] - 1;
        coverage.add(w, partial ? 1 + (w * 3 + static_cast<std::int64_t>(r)) % (kTicks - 1) : kTicks);
      }
      coverages.push_back(coverage);
    }
    std::vector<CoveredRun> runs;
    for (std::size_t r = 0; r < coverages.size(); ++r) runs.push_back({&coverages[r], kWindows[r]});
    const auto covered_by_any = [&](std::int64_t w, Tick t) {
      for (std::size_t r = 0; r < runs.size(); ++r)
        if (w < kWindows[r] && t < coverages[r].covered_ticks(w)) return true;
      return false;
    };
    for (const auto& [first, last] : {std::pair<std::int64_t, std::int64_t>{0, 44}, {3, 30}, {36, 50}, {45, 50}}) {
      std::set<std::int64_t> expected, got;  // uncovered ticks, as w * kTicks + t
      for (std::int64_t w = first; w < last; ++w)
        for (Tick t = 0; t < kTicks; ++t)
          if (!covered_by_any(w, t)) expected.insert(w * kTicks + t);
      double previous_end = -1;
      for (const UncoveredSpan& span : uncovered_spans(runs, first, last)) {
        QVERIFY(span.first < span.last && span.first >= previous_end);  // in order, not overlapping
        previous_end = span.last;
        for (auto tick = static_cast<std::int64_t>(std::llround(span.first * kTicks));
             tick < std::llround(span.last * kTicks); ++tick)
          got.insert(tick);
      }
      QVERIFY2(got == expected, qPrintable(QString("windows [%1, %2): %3 ticks hatched, %4 uncovered")
                                               .arg(first).arg(last).arg(got.size()).arg(expected.size())));
    }
  }

  void a_layer_ending_mid_run_is_hatched_after_its_end() {
    const RunHistory& run = *layered_run_->histories().front();
    const auto partials = run.coverage().partial_windows();
    QVERIFY(partials.size() > 2);
    const PartialWindow layer_end = partials[partials.size() / 2];  // a layer's last window, mid-run
    QVERIFY(layer_end.index < run.windows() - 1);
    const double fraction = run.coverage().fraction(layer_end.index);
    QVERIFY2(fraction < 0.8, qPrintable(QString::number(fraction)));  // room for a hatch to see
    const auto w = static_cast<double>(layer_end.index);

    TimeAxis axis;
    PlotStack stack(axis);
    stack.resize(1000, 1400);
    stack.set_runs({&run});
    stack.show();
    QVERIFY(QTest::qWaitForWindowExposed(&stack));
    axis.set_extent(run.windows());
    axis.set_range(w - 3, w + 4);
    HeatmapView& heatmap = *stack.heatmaps()[0];
    std::vector<TimeView*> views{&heatmap};
    for (LineChartView* chart : stack.charts()) views.push_back(chart);
    for (TimeView* view : views) {
      const QImage image = view->grab().toImage();
      const QRect plot = view->plot_rect();
      const QRgb base = view->palette().base().color().rgb();
      const double after_end = hatch_share(image, view->x_of(w + fraction) + 2, view->x_of(w + 1) - 2, plot.top() + 2,
                                           plot.bottom() - 2, base);
      const double before_end =
          hatch_share(image, view->x_of(w) + 2, view->x_of(w + fraction) - 2, plot.top() + 2, plot.bottom() - 2, base);
      const double next_window =
          hatch_share(image, view->x_of(w + 1) + 2, view->x_of(w + 2) - 2, plot.top() + 2, plot.bottom() - 2, base);
      const QString name = view->objectName().isEmpty() ? QString("chart") : view->objectName();
      QVERIFY2(after_end > 0.05, qPrintable(name + ": after the layer's end " + share_text(after_end)));
      QVERIFY2(before_end == 0, qPrintable(name + ": before the layer's end " + share_text(before_end)));
      QVERIFY2(next_window == 0, qPrintable(name + ": the next layer's first window " + share_text(next_window)));
    }
    // The line charts name the span they hatch: from the layer's end to the window's.
    const std::vector<UncoveredSpan> spans = stack.charts()[0]->uncovered();
    QVERIFY(std::find(spans.begin(), spans.end(), UncoveredSpan{w + fraction, w + 1}) != spans.end());
  }

  void cluster_windows_span_at_least_a_batch_interval() {
    const ScenarioSpec spec = resolve_scenario(ROUTELAB_EXAMPLES_DIR "/cluster/two-nodes.toml");
    QCOMPARE(spec.workload.interval_ticks, 2000.0);
    QCOMPARE(cluster_window_span(spec, 2000), std::int64_t{1});
    QCOMPARE(cluster_window_span(spec, 5000), std::int64_t{1});
    QCOMPARE(cluster_window_span(spec, 500), std::int64_t{4});
    QCOMPARE(cluster_window_span(spec, 666), std::int64_t{3});  // the interval over 3, rounded down to a tick
    QCOMPARE(cluster_window_span(spec, 700), std::int64_t{3});  // 2.9 windows: 3 reach the interval
    QCOMPARE(cluster_window_span(spec, 153), std::int64_t{13});  // the default: 13 x 153 = 1,989 ticks
    QCOMPARE(cluster_window_span(spec, 1999), std::int64_t{2});
    QCOMPARE(cluster_window_span(spec, 1), std::int64_t{2000});
  }

  void at_the_default_window_each_cluster_column_holds_one_step() {
    // two-nodes: 20 batches, a default window of 2,000 / 13 -> 153 ticks (13 x 153 = 1,989): one
    // column per 13 windows holds one step each, none two (a brighter column) and none zero.
    const ScenarioSpec spec = resolve_scenario(ROUTELAB_EXAMPLES_DIR "/cluster/two-nodes.toml");
    auto group = run_group_to_end(builder_, spec, {RouterSpec{"hash", {}}}, 0, 0);
    QVERIFY(group->all_finished());
    const RunHistory& run = *group->histories().front();
    QCOMPARE(run.window_ticks(), Tick{153});
    const ClusterHistory& cluster = *run.cluster();
    QCOMPARE(cluster.span_windows(), std::int64_t{13});
    QCOMPARE(cluster.windows(), std::int64_t{20});
    for (const double steps : cluster.scalar(ClusterScalar::steps)) QCOMPARE(steps, 1.0);
  }

  void a_cluster_heatmap_at_a_short_window_has_no_empty_columns() {
    const ScenarioSpec spec = resolve_scenario(ROUTELAB_EXAMPLES_DIR "/cluster/two-nodes.toml");
    const Tick window = 500;  // a quarter of the batch interval: three windows in four have no step
    const RouterSpec router{"greedy", {}};
    auto group = run_group_to_end(builder_, spec, {router}, 0, window);
    QVERIFY(group->all_finished());
    const RunHistory& run = *group->histories().front();
    const ClusterHistory& cluster = *run.cluster();
    QCOMPARE(cluster.span_windows(), std::int64_t{4});
    // Every step is in a closed window, the last (reaching past the run's end) included.
    const Summary cli = builder_.build(spec, router_runs(spec, router, 0).front())->run().summary;
    QCOMPARE(cluster.totals().steps, cli.batches);
    QVERIFY(cluster.run_windows() >= run.windows());

    TimeAxis axis;
    ClusterPanel panel(axis);
    panel.resize(1000, 900);
    panel.set_runs({&run});
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    axis.set_extent(run.windows());
    for (const auto& [first, last] : {std::pair<double, double>{0, static_cast<double>(run.windows())}, {8, 24}}) {
      axis.set_range(first, last);
      for (ClusterHeatmapView* view : {panel.gpu_views()[0], panel.link_views()[0]}) {
        const HeatmapRaster raster = view->current_raster();
        int shown = 0;
        for (int c = 0; c < raster.columns; ++c) {
          if (!raster.valid[static_cast<std::size_t>(c)]) continue;
          ++shown;
          const float* cells = raster.values.data() + static_cast<std::size_t>(c) * raster.rows;
          QVERIFY2(*std::max_element(cells, cells + raster.rows) > 0,
                   qPrintable(QString("%1: column %2 (cluster window %3) is empty")
                                  .arg(view->objectName()).arg(c).arg(raster.first_window[static_cast<std::size_t>(c)])));
        }
        QVERIFY(shown > raster.columns / 2);
        // Drawn to the run's end: the last cluster window, which reaches past it, is shown too.
        QVERIFY2(raster.valid.back(), qPrintable(view->objectName() + ": the last column has no data"));
      }
      // The step charts: a value at every window of the run (each holds its cluster window's step).
      const ChartLine& slowest = panel.step_chart()->lines()[0];
      for (std::int64_t w = 0; w < slowest.source->size(); ++w) QVERIFY(!std::isnan(slowest.source->value_at(w)));
      QCOMPARE(slowest.source->size(), run.windows());
    }
    // The hover card names the run windows a column spans.
    ClusterHeatmapView& gpus = *panel.gpu_views()[0];
    axis.set_range(8, 24);
    const QString card = gpus.hover_text_at({static_cast<int>(gpus.x_of(9.5)), gpus.plot_rect().top() + 2});
    QVERIFY2(card.contains("windows 8-11"), qPrintable(card));
    QVERIFY2(gpus.title().contains("per 4 windows"), qPrintable(gpus.title()));
  }
};

std::unique_ptr<QObject> make_partial_window_heatmaps_test() { return std::make_unique<PartialWindowHeatmapsTest>(); }

}  // namespace routelab::gui::tests

#include "partial_window_heatmaps_test.moc"
