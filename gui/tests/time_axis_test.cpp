// The shared time axis: zoom keeps the point under the mouse, clamps to the data, follows a growing
// run until the user zooms, and the replay limit switches between live and replay.
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

#include <memory>

#include "gui/tests/gui_test_suites.hpp"
#include "gui/views/replay_bar.hpp"
#include "gui/views/time_axis.hpp"

namespace routelab::gui::tests {

class TimeAxisTest : public QObject {
  Q_OBJECT

 private slots:
  void follows_a_growing_run_until_zoomed() {
    TimeAxis axis;
    axis.set_extent(100);
    QCOMPARE(axis.first(), 0.0);
    QCOMPARE(axis.last(), 100.0);
    axis.set_extent(200);
    QCOMPARE(axis.last(), 200.0);
    axis.zoom(0.5, 50);
    QVERIFY(!axis.following());
    axis.set_extent(400);
    QCOMPARE(axis.span(), 100.0);
    axis.fit();
    QCOMPARE(axis.last(), 400.0);
  }

  void zoom_keeps_the_anchor_and_clamps() {
    TimeAxis axis;
    axis.set_extent(1000);
    axis.zoom(0.1, 250);
    QCOMPARE(axis.span(), 100.0);
    QCOMPARE(axis.first(), 225.0);  // 250 stays at 25% of the view
    axis.zoom(1e-6, 250);
    QCOMPARE(axis.span(), TimeAxis::kMinSpanWindows);
    axis.zoom(1e6, 250);
    QCOMPARE(axis.first(), 0.0);
    QCOMPARE(axis.last(), 1000.0);
    axis.set_range(900, 1100);
    QCOMPARE(axis.last(), 1000.0);
    QCOMPARE(axis.first(), 800.0);
    axis.pan(-5000);
    QCOMPARE(axis.first(), 0.0);
  }

  void jump_centres_the_view_and_highlights() {
    TimeAxis axis;
    axis.set_extent(1000);
    axis.set_range(0, 100);
    QSignalSpy spy(&axis, &TimeAxis::changed);
    axis.jump_to(600, 17);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(axis.first(), 550.0);
    QCOMPARE(axis.last(), 650.0);
    QCOMPARE(axis.cursor(), 600.0);
    QCOMPARE(axis.highlighted_expert(), 17);
  }

  void replay_limit() {
    TimeAxis axis;
    axis.set_extent(50);
    QVERIFY(axis.live());
    axis.set_limit(20);
    QVERIFY(!axis.live());
    QCOMPARE(axis.limit(), std::int64_t{20});
    axis.set_extent(80);  // data keeps coming while replaying
    QCOMPARE(axis.limit(), std::int64_t{20});
    axis.set_limit(80);
    QVERIFY(axis.live());
    axis.set_extent(90);
    QCOMPARE(axis.limit(), std::int64_t{90});
  }

  void scrubber_replays_the_run() {
    TimeAxis axis;
    axis.set_extent(600);
    ReplayBar bar(axis);
    QCOMPARE(bar.slider()->maximum(), 600);
    QCOMPARE(bar.slider()->value(), 600);
    bar.slider()->setValue(150);  // scrub back
    QVERIFY(!axis.live());
    QCOMPARE(axis.limit(), std::int64_t{150});
    QCOMPARE(axis.cursor(), 149.5);
    bar.play();  // from the scrubber position onwards
    QTRY_VERIFY_WITH_TIMEOUT(axis.limit() > 150, 10000);
    bar.stop();
    const std::int64_t stopped = axis.limit();
    QTest::qWait(100);
    QCOMPARE(axis.limit(), stopped);
    axis.go_live();
    QCOMPARE(bar.slider()->value(), 600);
  }
};

std::unique_ptr<QObject> make_time_axis_test() { return std::make_unique<TimeAxisTest>(); }

}  // namespace routelab::gui::tests

#include "time_axis_test.moc"
