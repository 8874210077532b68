// Sink windows of another length than the scenario's (Simulation::set_sink_window_ticks, the
// desktop app's fine time resolution): they tile the run up to just after its last activity, and
// change nothing a result reports -- trajectory fingerprint, event count, the summary's windows.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "engine/simulation.hpp"
#include "tests/support/scripted_run.hpp"

namespace routelab {
namespace {

using testing::batch_at;
using testing::RecordingSink;
using testing::ScriptedRouter;
using testing::ScriptedWorkload;
using testing::tiny_config;

struct Watched {
  Summary summary;
  RecordingSink sink;
};

// One expert, one server, service 10: 4 tokens at tick 0 (busy 0..40), 3 at tick 150 (150..180).
Watched watch(Tick sink_window_ticks) {
  SimulationConfig config = tiny_config(1, 1, 10);
  config.window_ticks = 100;
  config.queue_threshold = 1;
  ScriptedWorkload workload({batch_at(0, 4, 0), batch_at(150, 3, 4)});
  ScriptedRouter router(1, {{0, 0, 0, 0}, {0, 0, 0}});
  Watched watched;
  Simulation simulation(config, workload, router);
  simulation.add_sink(watched.sink);
  if (sink_window_ticks > 0) simulation.set_sink_window_ticks(sink_window_ticks);
  watched.summary = simulation.run();
  return watched;
}

TEST(SinkWindows, ResultsAreTheScenarioWindowsOnes) {
  const Watched scenario = watch(0);
  for (const Tick length : {Tick{1}, Tick{7}, Tick{25}, Tick{100}, Tick{1000}}) {
    const Watched fine = watch(length);
    EXPECT_EQ(fine.summary.fingerprint, scenario.summary.fingerprint) << length;
    EXPECT_EQ(fine.summary.events, scenario.summary.events) << length;
    EXPECT_EQ(fine.summary.windows, scenario.summary.windows) << length;
    EXPECT_EQ(fine.summary.window_max_over_mean_mean, scenario.summary.window_max_over_mean_mean) << length;
    EXPECT_EQ(fine.summary.end_tick, scenario.summary.end_tick) << length;
    EXPECT_EQ(fine.sink.events.size(), scenario.sink.events.size()) << length;
  }
  EXPECT_EQ(scenario.summary.windows, 2);
  ASSERT_EQ(scenario.sink.windows.size(), 2u);
  EXPECT_EQ(scenario.sink.windows.back().end, 200);  // the kernel's windows: whole lengths
}

TEST(SinkWindows, TileTheRunAndEndJustAfterTheLastActivity) {
  const Watched fine = watch(25);
  ASSERT_EQ(fine.summary.end_tick, 180);
  const auto& windows = fine.sink.windows;
  ASSERT_EQ(windows.size(), 8u);  // [0,25) .. [150,175), then the partial [175,181)
  std::int64_t arrivals = 0;
  for (std::size_t i = 0; i < windows.size(); ++i) {
    EXPECT_EQ(windows[i].index, static_cast<std::int64_t>(i));
    EXPECT_EQ(windows[i].start, static_cast<Tick>(25 * i));
    arrivals += windows[i].arrivals[0];
  }
  EXPECT_EQ(arrivals, 7);
  EXPECT_EQ(windows.back().end, 181);
  EXPECT_DOUBLE_EQ(windows[0].utilization[0], 1.0);  // busy through [0, 25)
  EXPECT_DOUBLE_EQ(windows[1].utilization[0], 15.0 / 25.0);  // busy until 40
  EXPECT_DOUBLE_EQ(windows[2].utilization[0], 0.0);
  // The partial window is over its own 6 ticks, not diluted by a whole window: busy 175..180.
  EXPECT_DOUBLE_EQ(windows.back().utilization[0], 5.0 / 6.0);
  EXPECT_EQ(windows[6].arrivals[0], 3);  // [150, 175) holds the second batch
}

TEST(SinkWindows, RefusedOnceTheRunHasStarted) {
  SimulationConfig config = tiny_config(1, 1, 10);
  ScriptedWorkload workload({batch_at(0, 1, 0)});
  ScriptedRouter router(1, {{0}});
  Simulation simulation(config, workload, router);
  simulation.step();
  EXPECT_THROW(simulation.set_sink_window_ticks(10), Error);
}

}  // namespace
}  // namespace routelab
