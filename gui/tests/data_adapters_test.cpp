// The adapters from core data to what the views draw: a real run drained into a RunHistory agrees
// with the run's summary; series envelopes, the heatmap raster, column mapping and ticks agree
// with brute-force twins.
#include <QTest>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>

#include "gui/data/column_mapping.hpp"
#include "gui/data/heatmap_raster.hpp"
#include "gui/data/ring_metrics_sink.hpp"
#include "gui/data/series_source.hpp"
#include "gui/tests/gui_test_suites.hpp"
#include "gui/tests/test_data.hpp"
#include "gui/views/nice_ticks.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"

namespace routelab::gui::tests {

namespace {
class LatencyCollector : public MetricsSink {
 public:
  void on_window(const LoadWindow& window) override {
    latencies.emplace_back(window.completed_latencies.begin(), window.completed_latencies.end());
  }
  std::vector<std::vector<std::int64_t>> latencies;
};
}  // namespace

class DataAdaptersTest : public QObject {
  Q_OBJECT

 private slots:
  void drained_run_agrees_with_its_summary() {
    const ScenarioSpec spec = load_builtin_scenario(kDefaultScenario);
    const RouterRegistry registry = builtin_router_registry();
    MetricsRing ring;
    RingMetricsSink sink(ring);
    LatencyCollector collector;
    MetricsSink* sinks[] = {&sink, &collector};
    const Summary summary = run_scenario(spec, RouterSpec{"hash", {}}, 0, registry, sinks).summary;

    RunHistory history("hash", spec.simulation.num_experts, spec.simulation.window_ticks);
    std::vector<WindowRecord> windows;
    std::vector<OverloadEvent> events;
    std::optional<Summary> drained_summary;
    ring.drain(windows, events, drained_summary);
    for (const auto& record : windows) history.append(record);
    for (const auto& event : events) history.add_event(event);
    history.set_summary(*drained_summary);

    QCOMPARE(history.windows(), summary.windows);
    QCOMPARE(static_cast<std::int64_t>(history.events().size()), summary.overload_events);
    QCOMPARE(history.summary()->fingerprint, summary.fingerprint);
    const LodMatrix& load = history.channel(ExpertChannel::load);
    const LodMatrix& drops = history.channel(ExpertChannel::drops);
    double assignments = 0, dropped = 0;
    for (int e = 0; e < history.experts(); ++e) {
      double expert_total = 0;
      for (std::int64_t w = 0; w < history.windows(); ++w) {
        expert_total += load.aggregate_row(w, w + 1, e);
        dropped += drops.aggregate_row(w, w + 1, e);
      }
      QCOMPARE(expert_total, static_cast<double>(summary.expert_load[static_cast<std::size_t>(e)]));
      assignments += expert_total;
    }
    QCOMPARE(assignments, static_cast<double>(summary.assignments));
    QCOMPARE(dropped, static_cast<double>(summary.assignments_dropped));
    // Per-window scalars against the channels they summarize.
    for (std::int64_t w = 0; w < history.windows(); ++w) {
      double max_load = 0, total = 0;
      for (int e = 0; e < history.experts(); ++e) {
        max_load = std::max<double>(max_load, load.aggregate_row(w, w + 1, e));
        total += load.aggregate_row(w, w + 1, e);
      }
      QCOMPARE(history.scalar(WindowScalar::max_load)[static_cast<std::size_t>(w)], max_load);
      QCOMPARE(history.scalar(WindowScalar::mean_load)[static_cast<std::size_t>(w)], total / history.experts());
    }
    // Per-window p99 against the engine's own nearest-rank percentile of the same latencies.
    const auto p99 = history.scalar(WindowScalar::latency_p99);
    for (std::size_t w = 0; w < collector.latencies.size(); ++w) {
      if (collector.latencies[w].empty()) {
        QVERIFY(std::isnan(p99[w]));
      } else {
        QCOMPARE(p99[w], static_cast<double>(percentile(collector.latencies[w], 0.99)));
      }
    }
  }

  void series_envelopes_skip_missing_values() {
    RunHistory history = make_synthetic_history("r", 3, 50);
    const auto series = scalar_series(history, WindowScalar::max_load);
    const auto values = history.scalar(WindowScalar::max_load);
    const Envelope e = series->envelope(10, 30);
    QVERIFY(e.valid);
    QCOMPARE(e.low, *std::min_element(values.begin() + 10, values.begin() + 30));
    QCOMPARE(e.high, *std::max_element(values.begin() + 10, values.begin() + 30));
    QVERIFY(!series->envelope(60, 70).valid);
    QVERIFY(std::isnan(series->value_at(-1)));

    WindowRecord record;
    SyntheticWindow empty = make_synthetic_window(1, 50, 3);
    empty.latencies.clear();
    fill_window_record(empty.view(50, 100), record);
    history.append(record);
    QVERIFY(!scalar_series(history, WindowScalar::latency_p99)->envelope(50, 51).valid);

    const auto queue = expert_series(history, ExpertChannel::queue, 2);
    const LodMatrix& matrix = history.channel(ExpertChannel::queue);
    for (std::int64_t w = 0; w < 50; w += 7) QCOMPARE(queue->value_at(w), static_cast<double>(matrix.aggregate_row(w, w + 1, 2)));
    QCOMPARE(queue->envelope(0, 40).high, static_cast<double>(matrix.aggregate_row(0, 40, 2)));
    QVERIFY(!expert_series(history, ExpertChannel::queue, 9)->envelope(0, 10).valid);
  }

  void column_mapping_covers_every_window_once_when_zoomed_out() {
    std::int64_t covered = 0, previous_last = 0;
    for (int c = 0; c < 100; ++c) {
      const WindowSpan span = column_windows(0, 3.0, c, 1000);
      QCOMPARE(span.first, previous_last);  // no gap, no overlap
      previous_last = span.last;
      covered = span.last;
    }
    QCOMPARE(covered, std::int64_t{300});
    const WindowSpan zoomed = column_windows(10.25, 0.1, 3, 1000);  // zoomed in: the window under the column
    QCOMPARE(zoomed.first, std::int64_t{10});
    QCOMPARE(zoomed.last, std::int64_t{11});
    QVERIFY(column_windows(0, 2.0, 10, 15).empty());  // past the limit
  }

  void heatmap_raster_is_the_max_of_its_cells() {
    const RunHistory history = make_synthetic_history("r", 10, 400);
    const LodMatrix& load = history.channel(ExpertChannel::load);
    HeatmapRaster raster;
    rasterize_heatmap(load, 0, 400.0 / 64.0, 64, 400, 4, raster);  // 10 experts into 4 rows
    QCOMPARE(raster.columns, 64);
    QCOMPARE(raster.rows, 4);
    QCOMPARE(raster.coarsest_level, 0);
    for (int c = 0; c < raster.columns; ++c) {
      for (int r = 0; r < raster.rows; ++r) {
        float expected = 0;
        const int e1 = std::max(raster.first_expert_of_row(r) + 1, raster.first_expert_of_row(r + 1));
        for (int e = raster.first_expert_of_row(r); e < e1; ++e)
          for (std::int64_t w = raster.first_window[static_cast<std::size_t>(c)]; w < raster.last_window[static_cast<std::size_t>(c)]; ++w)
            expected = std::max(expected, load.aggregate_row(w, w + 1, e));
        QCOMPARE(raster.values[static_cast<std::size_t>(c * raster.rows + r)], expected);
      }
    }
    // Zoomed out, the columns partition the windows: each window in exactly one column.
    rasterize_heatmap(load, 0, 400.0 / 37.0, 37, 400, 10, raster);
    QCOMPARE(raster.first_window[0], std::int64_t{0});
    QCOMPARE(raster.last_window[36], std::int64_t{400});
    for (int c = 0; c + 1 < raster.columns; ++c)
      QCOMPARE(raster.last_window[static_cast<std::size_t>(c)], raster.first_window[static_cast<std::size_t>(c + 1)]);
    rasterize_heatmap(load, 0, 10.0, 64, 200, 100, raster);  // replay limit at window 200
    QCOMPARE(raster.rows, 10);
    QVERIFY(raster.valid[19] && !raster.valid[20]);
  }

  void ticks_are_round_and_inside_the_range() {
    const auto ticks = nice_ticks(3, 97, 5);
    QVERIFY(!ticks.empty() && ticks.size() <= 6);
    for (const double t : ticks) {
      QVERIFY(t >= 3 && t <= 97);
      QCOMPARE(std::fmod(t, 20.0), 0.0);
    }
    QVERIFY(nice_ticks(5, 5, 4).empty());
  }
};

std::unique_ptr<QObject> make_data_adapters_test() { return std::make_unique<DataAdaptersTest>(); }

}  // namespace routelab::gui::tests

#include "data_adapters_test.moc"
