// Time resolution and run controls on real runs: every library scenario gives at least 200 windows
// by default and still the CLI's fingerprint and window-based summary figures (the views' window
// length never enters the results); a chosen window length, seed and replication are honoured;
// "Until overload" leaves every run at one batch count; the last window is partial, not empty, and
// the app's history knows the length of every window.
#include <QSignalSpy>
#include <QTest>

#include <memory>

#include "engine/metrics_sink.hpp"
#include "gui/run/display_window.hpp"
#include "gui/run/run_group.hpp"
#include "gui/run/run_settings.hpp"
#include "gui/tests/gui_test_suites.hpp"
#include "gui/tests/run_group_to_end.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/run_builder/run_key.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/traces/trace_loader.hpp"

namespace routelab::gui::tests {

namespace {
constexpr int kLongWaitMs = kRunToEndWaitMs;

// The windows a sink sees, as copies of their bounds and utilization.
struct SeenWindow {
  Tick start = 0;
  Tick end = 0;
  double utilization_max = 0;
};
class WindowRecorder : public MetricsSink {
 public:
  void on_window(const LoadWindow& window) override {
    windows.push_back({window.start, window.end, window.figures.utilization_max});
  }
  std::vector<SeenWindow> windows;
};
}  // namespace

class TimeResolutionTest : public QObject {
  Q_OBJECT

 private:
  RouterRegistry registry_ = builtin_router_registry();
  TrainedModelCache models_;
  RunBuilder builder_{registry_, models_};

  std::unique_ptr<RunGroup> run_to_end(const ScenarioSpec& spec, std::vector<RouterSpec> routers,
                                       std::uint64_t replication, Tick window_ticks) {
    return run_group_to_end(builder_, spec, routers, replication, window_ticks);
  }

  // What `routelab compare` runs for this router and replication: the run builder's runs, run to
  // the end with no sink (one per layer of a layered trace).
  std::vector<Summary> cli_summaries(ScenarioSpec spec, const RouterSpec& router, std::uint64_t replication) {
    load_trace_data(spec);
    std::vector<Summary> out;
    for (const RunKey& key : router_runs(spec, router, replication)) out.push_back(builder_.build(spec, key)->run().summary);
    return out;
  }

  void verify_cli_results(const RunSession& session, const std::vector<Summary>& cli, const std::string& what) {
    QVERIFY2(!session.failure(), what.c_str());
    QCOMPARE(session.results().size(), cli.size());
    for (std::size_t i = 0; i < cli.size(); ++i) {
      const Summary& app = session.results()[i].summary;
      QVERIFY2(app.fingerprint == cli[i].fingerprint, what.c_str());
      QCOMPARE(app.events, cli[i].events);
      QCOMPARE(app.windows, cli[i].windows);
      QCOMPARE(app.window_max_over_mean_mean, cli[i].window_max_over_mean_mean);
      QCOMPARE(app.window_max_over_mean_p99, cli[i].window_max_over_mean_p99);
    }
  }

 private slots:
  void every_library_scenario_gives_200_windows_and_the_cli_results() {
    for (const std::string& name : builtin_scenario_names()) {
      const ScenarioSpec spec = load_builtin_scenario(name);
      const RouterSpec router{"hash", {}};
      auto group = run_to_end(spec, {router}, 0, 0);
      QVERIFY2(group->state() == GroupState::finished, name.c_str());
      RunSession& session = *group->sessions()[0];
      const std::string what = name + ": " + std::to_string(session.history().windows()) + " windows of " +
                               std::to_string(group->window_ticks()) + " ticks";
      qInfo("%s", what.c_str());
      QVERIFY2(session.history().windows() >= static_cast<std::int64_t>(kMinDisplayWindows), what.c_str());
      QVERIFY2(group->window_ticks() <= std::llround(spec.workload.interval_ticks), what.c_str());
      // Fixed-interval batches enough for the minimum: one window a batch, so no window is empty
      // (windows shorter than the interval would stripe the load heatmap).
      const bool fixed_gaps = spec.workload.arrival == ArrivalProcess::fixed && !spec.workload.ramp.enabled &&
                              !spec.workload.mix.enabled;
      const auto batches = (spec.workload.total_tokens + spec.workload.batch_size - 1) / spec.workload.batch_size;
      if (fixed_gaps && batches >= static_cast<std::int64_t>(kMinDisplayWindows))
        QVERIFY2(group->window_ticks() == std::llround(spec.workload.interval_ticks), what.c_str());
      verify_cli_results(session, cli_summaries(spec, router, 0), what);
    }
  }

  void a_chosen_window_length_changes_only_the_views() {
    const ScenarioSpec spec = load_builtin_scenario(kDefaultScenario);
    const RouterSpec router{"hash", {}};
    const auto cli = cli_summaries(spec, router, 0);
    const Tick coarse = spec.simulation.window_ticks;
    for (const Tick window : {Tick{400}, Tick{1600}, coarse, Tick{3 * coarse}}) {
      auto group = run_to_end(spec, {router}, 0, window);
      QCOMPARE(group->window_ticks(), window);
      const RunHistory& history = group->sessions()[0]->history();
      QCOMPARE(history.window_ticks(), window);
      // The run lasts end_tick ticks: ceil((end_tick + 1) / window) windows, the last one partial.
      const Tick end = cli[0].end_tick + 1;
      QCOMPARE(history.windows(), (end + window - 1) / window);
      verify_cli_results(*group->sessions()[0], cli, "window " + std::to_string(window));
    }
  }

  void seed_and_replication_are_honoured() {
    const ScenarioSpec spec = load_builtin_scenario(kDefaultScenario);
    const RouterSpec router{"hash", {}};
    const RunSettings settings{.window_ticks = 0, .seed = 7, .replication = 2};
    const ScenarioSpec seeded = with_seed(spec, settings);
    QCOMPARE(seeded.simulation.master_seed, std::uint64_t{7});
    auto group = run_to_end(seeded, {router}, settings.replication, settings.window_ticks);
    QCOMPARE(group->replication(), std::uint64_t{2});
    const auto cli = cli_summaries(seeded, router, 2);
    verify_cli_results(*group->sessions()[0], cli, "seed 7, replication 2");
    // ... and it is another run than the scenario's own seed at replication 0 (the test can fail).
    QVERIFY(cli[0].fingerprint != cli_summaries(spec, router, 0)[0].fingerprint);
    QVERIFY(cli[0].fingerprint != cli_summaries(seeded, router, 0)[0].fingerprint);
  }

  void until_overload_leaves_every_run_at_one_batch_count() {
    const ScenarioSpec spec = load_builtin_scenario(kDefaultScenario);
    auto group = std::make_unique<RunGroup>(builder_, spec, std::vector<RouterSpec>{{"hash", {}}, {"greedy", {}}}, 0,
                                            0, RunHistory::kDefaultDetailBudgetBytes);
    group->set_batches_per_second(0);
    auto aligned_and_idle = [&] {
      if (group->aligning()) return false;
      for (RunSession* session : group->sessions())
        if (!session->thread().idle() && !session->thread().run_finished()) return false;
      return true;
    };
    std::int64_t previous = 0;
    for (int round = 0; round < 3 && !group->all_finished(); ++round) {
      group->run_until_overload();
      QTRY_VERIFY_WITH_TIMEOUT(group->state() == GroupState::paused, kLongWaitMs);
      QTRY_VERIFY_WITH_TIMEOUT(aligned_and_idle(), kLongWaitMs);
      const std::int64_t hash = group->sessions()[0]->thread().batches();
      const std::int64_t greedy = group->sessions()[1]->thread().batches();
      QCOMPARE(greedy, hash);
      QVERIFY(hash > previous);  // each Until overload moved on
      previous = hash;
      group->poll(true);
      QCOMPARE(group->sessions()[0]->history().windows(), group->sessions()[1]->history().windows());
    }
    QVERIFY(!group->sessions()[0]->history().events().empty());
  }

  void layers_follow_each_other_on_whole_windows() {
    // A trace replayed layer by layer: each layer ends in a partial window, and the next one starts
    // on the next whole window, so window i still covers [i w, (i + 1) w) (events and columns line up).
    ScenarioSpec spec = load_builtin_scenario("deepseek-layers");
    load_trace_data(spec);
    const Tick window = 700;
    WindowRecorder recorder;
    RunSequence runs(builder_, spec, router_runs(spec, RouterSpec{"hash", {}}, 0), &recorder, window);
    runs.run();
    QVERIFY(runs.results().size() > 1);
    int partial = 0;
    for (std::size_t i = 0; i < recorder.windows.size(); ++i) {
      const SeenWindow& seen = recorder.windows[i];
      QCOMPARE(seen.start, static_cast<Tick>(i) * window);
      QVERIFY(seen.end > seen.start && seen.end <= seen.start + window);
      if (seen.end < seen.start + window) ++partial;
    }
    QCOMPARE(partial, static_cast<int>(runs.results().size()));  // one per layer, at its end

    // The app's history knows every one of those lengths, each layer's partial window included
    // (not only the newest window's), so its charts draw and scale each window as the engine cut it.
    auto group = run_to_end(load_builtin_scenario("deepseek-layers"), {RouterSpec{"hash", {}}}, 0, window);
    const RunHistory& history = group->sessions()[0]->history();
    QCOMPARE(history.windows(), static_cast<std::int64_t>(recorder.windows.size()));
    for (std::size_t i = 0; i < recorder.windows.size(); ++i)
      QCOMPARE(history.coverage().covered_ticks(static_cast<std::int64_t>(i)),
               recorder.windows[i].end - recorder.windows[i].start);
    QCOMPARE(history.coverage().partial_windows().size(), static_cast<std::size_t>(partial));
  }

  void the_last_window_is_partial_not_empty() {
    const ScenarioSpec spec = load_builtin_scenario(kDefaultScenario);
    const RouterSpec router{"greedy", {}};
    const Tick window = 1000;
    WindowRecorder recorder;
    RunSequence runs(builder_, spec, router_runs(spec, router, 0), &recorder, window);
    runs.run();
    const Summary summary = runs.results().at(0).summary;
    QVERIFY(recorder.windows.size() >= 2);
    const SeenWindow& last = recorder.windows.back();
    // It ends just after the last activity, shorter than a window, right after the one before it.
    QCOMPARE(last.end, summary.end_tick + 1);
    QVERIFY(last.end - last.start < window);
    QCOMPARE(last.start, recorder.windows[recorder.windows.size() - 2].end);
    for (const SeenWindow& seen : recorder.windows) QVERIFY(seen.utilization_max <= 1.0 + 1e-12);  // over its own length

    auto group = run_to_end(spec, {router}, 0, window);
    const RunHistory& history = group->sessions()[0]->history();
    QCOMPARE(history.windows(), static_cast<std::int64_t>(recorder.windows.size()));
    const double expected_end = static_cast<double>(history.windows() - 1) +
                                static_cast<double>(last.end - last.start) / static_cast<double>(window);
    QCOMPARE(history.end_window(), expected_end);
    QVERIFY(history.end_window() < static_cast<double>(history.windows()));
  }
};

std::unique_ptr<QObject> make_time_resolution_test() { return std::make_unique<TimeResolutionTest>(); }

}  // namespace routelab::gui::tests

#include "time_resolution_test.moc"
