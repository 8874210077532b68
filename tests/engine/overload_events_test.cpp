// Overload events and metric windows on hand-built runs with exact start, end and peak.
#include <gtest/gtest.h>

#include "engine/simulation.hpp"
#include "tests/support/scripted_run.hpp"

namespace routelab {
namespace {

using testing::batch_at;
using testing::run_scripted;
using testing::ScriptedRun;
using testing::tiny_config;

TEST(OverloadEvents, QueueAboveThresholdHasExactStartEndAndPeak) {
  // One server, service 10, threshold 1. Tick 0: 4 arrive -> 1 in service, 3 waiting: the line
  // passes 1 at tick 0 (peak 3) and falls back to 1 at tick 20, when the third starts.
  // Tick 100: 3 arrive -> 2 waiting at tick 100, back to 1 at tick 110.
  SimulationConfig config = tiny_config(1, 1, 10);
  config.queue_threshold = 1;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 4, 0), batch_at(100, 3, 4)}, 1, {{0, 0, 0, 0}, {0, 0, 0}});
  const Summary& s = run.summary;

  ASSERT_EQ(run.sink.events.size(), 2u);
  const OverloadEvent& first = run.sink.events[0];
  EXPECT_EQ(first.expert, 0);
  EXPECT_EQ(first.start, 0);
  EXPECT_EQ(first.end, 20);
  EXPECT_EQ(first.peak, 3);
  EXPECT_EQ(first.cause, OverloadCause::queue_above_threshold);
  const OverloadEvent& second = run.sink.events[1];
  EXPECT_EQ(second.start, 100);
  EXPECT_EQ(second.end, 110);
  EXPECT_EQ(second.peak, 2);
  EXPECT_EQ(s.overload_events, 2);
}

TEST(OverloadEvents, LineAtThresholdIsNotAnOverload) {
  SimulationConfig config = tiny_config(1, 1, 10);
  config.queue_threshold = 2;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 3)}, 1, {{0, 0, 0}});  // 1 in service, 2 waiting: not above 2
  EXPECT_EQ(run.summary.overload_events, 0);
  EXPECT_TRUE(run.sink.events.empty());
}

TEST(OverloadEvents, ArrivalsAboveCapacitySpanConsecutiveOverloadedBatches) {
  // E = 2, k = 1, factor 1, drop. Tick 0: 2 tokens (capacity 1), both to expert 0 -> opens, peak 2.
  // Tick 100: 4 tokens (capacity 2), all to expert 0 -> peak 4. Tick 200: one each -> closes at 200.
  // Tick 300: both to expert 1 -> opens; no later batch, so it closes at the last activity (310).
  SimulationConfig config = tiny_config(2, 1, 10);
  config.capacity_factor = 1.0;
  config.overflow = OverflowPolicy::drop;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 2, 0), batch_at(100, 4, 2), batch_at(200, 2, 6), batch_at(300, 2, 8)}, 1, {{0, 0}, {0, 0, 0, 0}, {0, 1}, {1, 1}});
  const Summary& s = run.summary;

  ASSERT_EQ(run.sink.events.size(), 2u);
  EXPECT_EQ(run.sink.events[0].expert, 0);
  EXPECT_EQ(run.sink.events[0].start, 0);
  EXPECT_EQ(run.sink.events[0].end, 200);
  EXPECT_EQ(run.sink.events[0].peak, 4);
  EXPECT_EQ(run.sink.events[0].cause, OverloadCause::arrivals_above_capacity);
  EXPECT_EQ(run.sink.events[1].expert, 1);
  EXPECT_EQ(run.sink.events[1].start, 300);
  EXPECT_EQ(run.sink.events[1].end, 310);
  EXPECT_EQ(run.sink.events[1].peak, 2);
  EXPECT_EQ(s.overload_events, 2);
  EXPECT_EQ(s.end_tick, 310);
  EXPECT_EQ(s.assignments_dropped, 1 + 2 + 0 + 1);
}

TEST(MetricWindows, CountArrivalsPeakQueueAndUtilizationPerWindow) {
  // Windows of 50 ticks. Tick 0: 2 tokens to expert 0 (busy 0..20, one waits). Tick 60: one
  // token to expert 1 (busy 60..70). The run ends when the window at 100 finds nothing pending.
  SimulationConfig config = tiny_config(2, 1, 10);
  config.window_ticks = 50;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 2, 0), batch_at(60, 1, 2)}, 1, {{0, 0}, {1}});
  const Summary& s = run.summary;

  ASSERT_EQ(run.sink.windows.size(), 2u);
  EXPECT_EQ(s.windows, 2);
  const auto& w0 = run.sink.windows[0];
  EXPECT_EQ(w0.index, 0);
  EXPECT_EQ(w0.start, 0);
  EXPECT_EQ(w0.end, 50);
  EXPECT_EQ(w0.arrivals, (std::vector<std::int64_t>{2, 0}));
  EXPECT_EQ(w0.drops, (std::vector<std::int64_t>{0, 0}));
  EXPECT_EQ(w0.peak_queue, (std::vector<std::int64_t>{1, 0}));
  EXPECT_DOUBLE_EQ(w0.utilization[0], 20.0 / 50.0);
  EXPECT_DOUBLE_EQ(w0.utilization[1], 0.0);
  const auto& w1 = run.sink.windows[1];
  EXPECT_EQ(w1.start, 50);
  EXPECT_EQ(w1.end, 100);
  EXPECT_EQ(w1.arrivals, (std::vector<std::int64_t>{0, 1}));
  EXPECT_EQ(w1.peak_queue, (std::vector<std::int64_t>{0, 0}));
  EXPECT_DOUBLE_EQ(w1.utilization[0], 0.0);
  EXPECT_DOUBLE_EQ(w1.utilization[1], 10.0 / 50.0);
  // Per-window max/mean: window 0 has 2 arrivals on one of two experts (2.0), window 1 the same.
  EXPECT_DOUBLE_EQ(s.window_max_over_mean_p99, 2.0);
  // Whole run: expert 0 busy 20 ticks, expert 1 10 ticks, over 2 experts x 70 ticks.
  EXPECT_EQ(s.end_tick, 70);
  EXPECT_DOUBLE_EQ(s.utilization, 30.0 / 140.0);
}

TEST(MetricWindows, DropsAreCountedInTheWindowOfTheirBatch) {
  SimulationConfig config = tiny_config(2, 1, 10);
  config.window_ticks = 50;
  config.capacity_factor = 1.0;
  config.overflow = OverflowPolicy::drop;
  const ScriptedRun run = run_scripted(config, {batch_at(10, 2, 0), batch_at(70, 4, 2)}, 1, {{1, 1}, {0, 0, 0, 1}});
  ASSERT_EQ(run.sink.windows.size(), 2u);
  EXPECT_EQ(run.sink.windows[0].drops, (std::vector<std::int64_t>{0, 1}));
  EXPECT_EQ(run.sink.windows[1].drops, (std::vector<std::int64_t>{1, 0}));
  EXPECT_EQ(run.sink.windows[1].arrivals, (std::vector<std::int64_t>{3, 1}));
}

}  // namespace
}  // namespace routelab
