// Run controls on real runs: everything starts paused, Step runs exactly one batch in each run,
// Pause holds, Until-overload stops at an event, Fast finishes -- and a GUI run is the same run as
// the headless one (same fingerprint), i.e. the threads and the ring change nothing.
#include <QSignalSpy>
#include <QTest>

#include <memory>

#include "core/errors.hpp"
#include "gui/run/run_group.hpp"
#include "gui/tests/gui_test_suites.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"

namespace routelab::gui::tests {

namespace {
constexpr int kLongWaitMs = 60000;  // generous: the CI machine may be busy; never a timing assertion
}  // namespace

class RunControlTest : public QObject {
  Q_OBJECT

 private:
  RouterRegistry registry_ = builtin_router_registry();
  ScenarioSpec spec_ = load_builtin_scenario(kDefaultScenario);
  TrainedModelCache models_;
  RunBuilder builder_{registry_, models_};

  std::unique_ptr<RunGroup> make_group() {
    return std::make_unique<RunGroup>(builder_, spec_, std::vector<RouterSpec>{{"hash", {}}, {"greedy", {}}}, 0,
                                      spec_.simulation.window_ticks, RunHistory::kDefaultDetailBudgetBytes);
  }
  static std::int64_t batches(const RunGroup& group, int i) { return group.sessions()[static_cast<std::size_t>(i)]->thread().batches(); }

 private slots:
  void starts_paused_and_steps_one_batch() {
    auto group = make_group();
    QTest::qWait(100);
    QCOMPARE(batches(*group, 0), std::int64_t{0});
    QVERIFY(group->state() == GroupState::paused);
    group->step();
    QTRY_COMPARE_WITH_TIMEOUT(batches(*group, 0), std::int64_t{1}, kLongWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(batches(*group, 1), std::int64_t{1}, kLongWaitMs);
    group->step();
    group->step();
    QTRY_COMPARE_WITH_TIMEOUT(batches(*group, 0), std::int64_t{3}, kLongWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(batches(*group, 1), std::int64_t{3}, kLongWaitMs);
    QTest::qWait(100);
    QCOMPARE(batches(*group, 0), std::int64_t{3});
  }

  void run_then_pause_holds() {
    auto group = make_group();
    group->set_batches_per_second(200);
    group->run();
    QVERIFY(group->state() == GroupState::running);
    QTRY_VERIFY_WITH_TIMEOUT(batches(*group, 0) >= 5, kLongWaitMs);
    group->pause();
    QVERIFY(group->state() == GroupState::paused);
    QTRY_VERIFY_WITH_TIMEOUT(group->sessions()[0]->thread().mode() == RunMode::paused, kLongWaitMs);
    QTest::qWait(50);  // a batch in flight when Pause came may still complete
    const std::int64_t held = batches(*group, 0);
    QTest::qWait(300);
    QCOMPARE(batches(*group, 0), held);
    QVERIFY(held < spec_.workload.total_tokens / spec_.workload.batch_size);
    QVERIFY(!group->all_finished());
  }

  void until_overload_stops_at_an_event() {
    auto group = make_group();
    group->set_batches_per_second(0);
    group->run_until_overload();
    QTRY_VERIFY_WITH_TIMEOUT(group->state() == GroupState::paused, kLongWaitMs);
    group->poll();
    QVERIFY(!group->all_finished());
    // hash overloads within the first batches (default: 1,194 events in 200 batches); greedy never does.
    QVERIFY(!group->sessions()[0]->history().events().empty());
    QVERIFY(group->sessions()[1]->history().events().empty());
    QVERIFY(batches(*group, 0) < 200);
  }

  void fast_finishes_the_same_run_as_the_cli() {
    auto group = make_group();
    QSignalSpy finished(group.get(), &RunGroup::finished);
    group->fast();
    QVERIFY(finished.wait(kLongWaitMs) || finished.count() == 1);
    QVERIFY(group->state() == GroupState::finished);
    const char* routers[] = {"hash", "greedy"};
    for (int i = 0; i < 2; ++i) {
      const Summary headless = run_scenario(spec_, RouterSpec{routers[i], {}}, 0, registry_).summary;
      const RunHistory& history = group->sessions()[static_cast<std::size_t>(i)]->history();
      QVERIFY(history.finished());
      QCOMPARE(history.summary()->fingerprint, headless.fingerprint);
      QCOMPARE(history.windows(), headless.windows);
      QCOMPARE(static_cast<std::int64_t>(history.events().size()), headless.overload_events);
    }
  }

  void unknown_router_fails_before_any_thread() {
    QVERIFY_THROWS_EXCEPTION(UnknownNameError, RunGroup(builder_, spec_, {{"nope", {}}}, 0, 0, 1 << 20));
  }
};

std::unique_ptr<QObject> make_run_control_test() { return std::make_unique<RunControlTest>(); }

}  // namespace routelab::gui::tests

#include "run_control_test.moc"
