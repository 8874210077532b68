// The hand-over between the simulation thread and the UI: order, content, growth, concurrency.
#include <QTest>

#include <cmath>
#include <memory>
#include <thread>

#include "gui/data/metrics_ring.hpp"
#include "gui/data/ring_metrics_sink.hpp"
#include "gui/tests/gui_test_suites.hpp"
#include "gui/tests/test_data.hpp"

namespace routelab::gui::tests {

namespace {
void push_synthetic_windows(RingMetricsSink& sink, std::uint64_t seed, std::int64_t windows, int experts) {
  for (std::int64_t w = 0; w < windows; ++w) {
    const SyntheticWindow data = make_synthetic_window(seed, w, experts);
    sink.on_window(data.view(w, 100));
  }
}
}  // namespace

class MetricsRingTest : public QObject {
  Q_OBJECT

 private slots:
  void drains_in_order_and_grows_when_full() {
    MetricsRing ring(4);
    RingMetricsSink sink(ring);
    push_synthetic_windows(sink, 1, 10, 3);
    QVERIFY(ring.growths() >= 1);
    QCOMPARE(ring.pending(), std::size_t{10});
    std::vector<WindowRecord> windows;
    std::vector<OverloadEvent> events;
    std::optional<Summary> summary;
    QCOMPARE(ring.drain(windows, events, summary), std::size_t{10});
    for (std::int64_t w = 0; w < 10; ++w) {
      const SyntheticWindow data = make_synthetic_window(1, w, 3);
      const WindowRecord& record = windows[static_cast<std::size_t>(w)];
      QCOMPARE(record.index, w);
      QCOMPARE(record.start, w * 100);
      for (int e = 0; e < 3; ++e) {
        QCOMPARE(record.channel(ExpertChannel::load)[static_cast<std::size_t>(e)], static_cast<float>(data.arrivals[static_cast<std::size_t>(e)]));
        QCOMPARE(record.channel(ExpertChannel::queue)[static_cast<std::size_t>(e)], static_cast<float>(data.peak_queue[static_cast<std::size_t>(e)]));
      }
    }
    QCOMPARE(ring.pending(), std::size_t{0});
    QCOMPARE(ring.drain(windows, events, summary), std::size_t{0});
    QVERIFY(windows.empty());
  }

  void capped_drain_keeps_order_and_holds_the_summary_back() {
    MetricsRing ring(4);
    RingMetricsSink sink(ring);
    push_synthetic_windows(sink, 2, 9, 2);
    sink.on_finish(Summary{});
    QVERIFY(ring.capacity() > 4);
    std::vector<WindowRecord> windows;
    std::vector<OverloadEvent> events;
    std::optional<Summary> summary;
    std::int64_t next = 0;
    for (const std::size_t expected : {4u, 4u, 1u}) {
      QCOMPARE(ring.drain(windows, events, summary, 4), expected);
      for (const auto& record : windows) QCOMPARE(record.index, next++);
      QCOMPARE(summary.has_value(), expected == 1u);  // only with the last window
    }
    QCOMPARE(ring.capacity(), std::size_t{4});  // grown for the backlog, back to size when empty
  }

  void sink_computes_the_window_scalars() {
    MetricsRing ring;
    RingMetricsSink sink(ring);
    SyntheticWindow data;
    data.arrivals = {10, 30, 20, 0};
    data.drops = {0, 6, 0, 0};
    data.peak_queue = {1, 9, 4, 0};
    data.utilization = {0.1, 0.9, 0.5, 0};
    for (int latency = 1; latency <= 1000; ++latency) data.latencies.push_back(1001 - latency);
    sink.on_window(data.view(0, 100));
    data.latencies.clear();
    sink.on_window(data.view(1, 100));
    sink.on_event(OverloadEvent{1, 50, 80, 9, OverloadCause::queue_above_threshold});
    Summary summary;
    summary.windows = 2;
    sink.on_finish(summary);
    QCOMPARE(sink.events_seen(), std::int64_t{1});
    QCOMPARE(sink.windows_seen(), std::int64_t{2});

    std::vector<WindowRecord> windows;
    std::vector<OverloadEvent> events;
    std::optional<Summary> drained_summary;
    ring.drain(windows, events, drained_summary);
    QCOMPARE(windows.size(), std::size_t{2});
    const WindowRecord& first = windows[0];
    QCOMPARE(first.scalar(WindowScalar::max_load), 30.0);
    QCOMPARE(first.scalar(WindowScalar::mean_load), 15.0);
    QCOMPARE(first.scalar(WindowScalar::drop_rate), 0.1);
    QCOMPARE(first.scalar(WindowScalar::latency_p99), 990.0);  // nearest rank: the 990th of 1..1000
    QCOMPARE(first.scalar(WindowScalar::max_queue), 9.0);
    QCOMPARE(first.completed_tokens, std::int64_t{1000});
    QVERIFY(std::isnan(windows[1].scalar(WindowScalar::latency_p99)));  // nothing completed
    QCOMPARE(events.size(), std::size_t{1});
    QCOMPARE(events[0].peak, std::int64_t{9});
    QVERIFY(drained_summary.has_value());
    QCOMPARE(drained_summary->windows, std::int64_t{2});
  }

  void concurrent_producer_loses_and_reorders_nothing() {
    MetricsRing ring(8);
    RingMetricsSink sink(ring);
    constexpr std::int64_t kWindows = 20000;
    std::thread producer([&] {
      SyntheticWindow data;
      data.arrivals = {0, 0};
      data.drops = {0, 0};
      data.peak_queue = {0, 0};
      data.utilization = {0, 0};
      for (std::int64_t w = 0; w < kWindows; ++w) {
        data.arrivals = {w, 2 * w};
        sink.on_window(data.view(w, 10));
        if (w % 1000 == 0) sink.on_event(OverloadEvent{0, w, w, w, OverloadCause::arrivals_above_capacity});
      }
    });
    std::vector<WindowRecord> windows;
    std::vector<OverloadEvent> events;
    std::optional<Summary> summary;
    std::int64_t next = 0;
    std::int64_t events_received = 0;
    bool in_order = true;
    while (next < kWindows) {
      ring.drain(windows, events, summary);
      for (const WindowRecord& record : windows) {
        in_order = in_order && record.index == next && record.channel(ExpertChannel::load)[1] == static_cast<float>(2 * next);
        ++next;
      }
      events_received += static_cast<std::int64_t>(events.size());
    }
    producer.join();
    ring.drain(windows, events, summary);
    events_received += static_cast<std::int64_t>(events.size());
    QVERIFY(in_order);
    QCOMPARE(next, kWindows);
    QCOMPARE(events_received, kWindows / 1000);
  }
};

std::unique_ptr<QObject> make_metrics_ring_test() { return std::make_unique<MetricsRingTest>(); }

}  // namespace routelab::gui::tests

#include "metrics_ring_test.moc"
