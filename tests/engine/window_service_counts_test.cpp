// LoadWindow::accepted and ::served (windows.csv's `accepted` and `served` columns): exact counts
// on hand-built runs, and conservation over library scenarios x every overflow policy x seeds --
// what an expert takes it serves, in that window or a later one, and every arrival is either
// taken somewhere or dropped.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <tuple>
#include <vector>

#include "engine/metrics_sink.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"
#include "tests/support/scripted_run.hpp"

namespace routelab {
namespace {

using testing::batch_at;
using testing::run_scripted;
using testing::ScriptedRun;
using testing::tiny_config;
using Counts = std::vector<std::int64_t>;

TEST(WindowServiceCounts, ServedCountsCompletionsInTheWindowTheyFallIn) {
  // One expert, one server, service 25, windows of 50. Tick 0: 4 tokens, all taken (unbounded
  // queue); they complete at 25, 50, 75 and 100. A completion at a window's end tick belongs to
  // the next window ([start, end)), so the windows serve 1, 2 and 1.
  SimulationConfig config = tiny_config(1, 1, 25);
  config.window_ticks = 50;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 4)}, 1, {{0, 0, 0, 0}});
  const auto& windows = run.sink.windows;
  ASSERT_EQ(windows.size(), 3u);
  EXPECT_EQ(windows[0].accepted, Counts{4});
  EXPECT_EQ(windows[0].served, Counts{1});
  EXPECT_EQ(windows[1].accepted, Counts{0});
  EXPECT_EQ(windows[1].served, Counts{2});
  EXPECT_EQ(windows[2].accepted, Counts{0});
  EXPECT_EQ(windows[2].served, Counts{1});
}

TEST(WindowServiceCounts, TwoServersAndABoundedQueue) {
  // One expert, two servers, service 30, buffer 1, windows of 40. Tick 0: 4 tokens: two start,
  // one waits, one is dropped -> accepted 3. Completions at 30, 30, 60. Tick 50: 2 tokens: one
  // server is free (the other serves the third until 60), so one starts and one waits -> both
  // taken; they complete at 80 and 90 (the waiting one starts at 60).
  SimulationConfig config = tiny_config(1, 1, 30);
  config.servers_per_expert = 2;
  config.queue_buffer = 1;
  config.window_ticks = 40;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 4, 0), batch_at(50, 2, 4)}, 1, {{0, 0, 0, 0}, {0, 0}});
  const auto& windows = run.sink.windows;
  ASSERT_EQ(windows.size(), 3u);  // [0, 40), [40, 80), [80, 120)
  EXPECT_EQ(windows[0].arrivals, Counts{4});
  EXPECT_EQ(windows[0].drops, Counts{1});
  EXPECT_EQ(windows[0].accepted, Counts{3});
  EXPECT_EQ(windows[0].served, Counts{2});  // 30, 30
  EXPECT_EQ(windows[1].accepted, Counts{2});
  EXPECT_EQ(windows[1].served, Counts{1});  // 60
  EXPECT_EQ(windows[2].served, Counts{2});  // 80, 90
  EXPECT_EQ(run.summary.end_tick, 90);
}

TEST(WindowServiceCounts, ARerouteCountsAsAcceptedAtTheExpertThatTookIt) {
  // E = 3, k = 1, capacity 1 each, every token ranks 0, 1, 2: the router sends all three to
  // expert 0 (arrivals 3, 0, 0), next_choice places them on 0, 1 and 2 (accepted 1, 1, 1).
  SimulationConfig config = tiny_config(3, 1, 10);
  config.capacity_factor = 1.0;
  config.overflow = OverflowPolicy::next_choice;
  const ScriptedRun run = run_scripted(config, {batch_at(0, 3)}, 3, {{0, 1, 2, 0, 1, 2, 0, 1, 2}});
  ASSERT_EQ(run.sink.windows.size(), 1u);
  const auto& window = run.sink.windows[0];
  EXPECT_EQ(window.arrivals, (Counts{3, 0, 0}));
  EXPECT_EQ(window.drops, (Counts{0, 0, 0}));
  EXPECT_EQ(window.accepted, (Counts{1, 1, 1}));
  EXPECT_EQ(window.served, (Counts{1, 1, 1}));
}

// Keeps each window's per-expert counts, and an independent record of the accepted ones: the
// accepting experts of every batch (on_batch_placed), to be binned into windows by batch tick.
class CountingSink : public MetricsSink {
 public:
  struct Window {
    Tick start = 0, end = 0;
    Counts arrivals, accepted, served, drops;
  };
  struct Placement {
    Tick tick = 0;
    ExpertId expert = 0;
  };
  void on_window(const LoadWindow& w) override {
    windows.push_back(Window{w.start, w.end, {w.arrivals.begin(), w.arrivals.end()},
                             {w.accepted.begin(), w.accepted.end()}, {w.served.begin(), w.served.end()},
                             {w.drops.begin(), w.drops.end()}});
  }
  void on_batch_placed(const TokenBatch& batch, std::span<const ExpertId> placed, int k) override {
    (void)k;
    for (const ExpertId e : placed)
      if (e != kNoExpert) placements.push_back(Placement{batch.tick, e});
  }
  std::vector<Window> windows;
  std::vector<Placement> placements;
};

Counts sum_over_windows(const std::vector<CountingSink::Window>& windows, Counts CountingSink::Window::*field,
                        std::size_t experts) {
  Counts total(experts, 0);
  for (const auto& w : windows)
    for (std::size_t e = 0; e < experts; ++e) total[e] += (w.*field)[e];
  return total;
}

std::int64_t sum(const Counts& counts) { return std::accumulate(counts.begin(), counts.end(), std::int64_t{0}); }

using Case = std::tuple<std::string, OverflowPolicy, std::uint64_t>;  // scenario, policy, seed

class WindowConservation : public ::testing::TestWithParam<Case> {};

TEST_P(WindowConservation, WhatExpertsTakeTheyServeAndEveryArrivalIsTakenOrDropped) {
  const auto& [scenario, policy, seed] = GetParam();
  ScenarioSpec spec = load_builtin_scenario(scenario);
  spec.workload.total_tokens = 6000;
  spec.simulation.master_seed = seed;
  spec.simulation.overflow = policy;
  // Tight enough that every policy refuses work: capacity at the fair share, a short buffer.
  spec.simulation.capacity_factor = 1.0;
  spec.simulation.queue_buffer = policy == OverflowPolicy::queue ? 2 : -1;
  const RouterRegistry registry = builtin_router_registry();
  CountingSink sink;
  MetricsSink* sinks[] = {&sink};
  // hash ranks every expert, so next_choice has fallbacks to reroute to.
  const RunResult result = run_scenario(spec, RouterSpec{"hash", {}}, 0, registry, sinks);
  const Summary& s = result.summary;
  const auto experts = static_cast<std::size_t>(spec.simulation.num_experts);
  ASSERT_FALSE(sink.windows.empty());

  const Counts arrivals = sum_over_windows(sink.windows, &CountingSink::Window::arrivals, experts);
  const Counts accepted = sum_over_windows(sink.windows, &CountingSink::Window::accepted, experts);
  const Counts served = sum_over_windows(sink.windows, &CountingSink::Window::served, experts);
  const Counts drops = sum_over_windows(sink.windows, &CountingSink::Window::drops, experts);
  EXPECT_GT(sum(drops) + s.assignments_rerouted, 0) << "the case refuses nothing: it tests nothing";
  EXPECT_EQ(arrivals, s.expert_load);
  EXPECT_EQ(accepted, s.expert_served);
  // The run drains: nothing is still queued or in service at the end.
  EXPECT_EQ(served, accepted);
  EXPECT_EQ(sum(arrivals), sum(accepted) + sum(drops));
  EXPECT_EQ(sum(drops), s.assignments_dropped);

  Counts taken_so_far(experts, 0), served_so_far(experts, 0);
  std::size_t next_placement = 0;
  for (const auto& w : sink.windows) {
    // The accepting experts of the batches dispatched in the window, counted independently.
    Counts placed(experts, 0);
    for (; next_placement < sink.placements.size() && sink.placements[next_placement].tick < w.end; ++next_placement)
      ++placed[static_cast<std::size_t>(sink.placements[next_placement].expert)];
    EXPECT_EQ(w.accepted, placed) << "window [" << w.start << ", " << w.end << ")";
    for (std::size_t e = 0; e < experts; ++e) {
      taken_so_far[e] += w.accepted[e];
      served_so_far[e] += w.served[e];
      ASSERT_LE(served_so_far[e], taken_so_far[e]) << "expert " << e << " served work it never took";
      // Without rerouting, an expert takes exactly what the router sent it and did not drop.
      if (policy != OverflowPolicy::next_choice) ASSERT_EQ(w.accepted[e], w.arrivals[e] - w.drops[e]);
    }
  }
  EXPECT_EQ(next_placement, sink.placements.size());
  if (policy == OverflowPolicy::next_choice) {
    // What left the router's picks without being dropped arrived at fallbacks.
    std::int64_t moved_in = 0;
    for (std::size_t e = 0; e < experts; ++e) moved_in += std::max<std::int64_t>(0, accepted[e] - (arrivals[e] - drops[e]));
    EXPECT_GT(s.assignments_rerouted, 0);
    EXPECT_GT(moved_in, 0);
    EXPECT_LE(moved_in, s.assignments_rerouted);
  }
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  const auto& [scenario, policy, seed] = info.param;
  std::string name = scenario + "_" + std::string(to_string(policy)) + "_seed" + std::to_string(seed);
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(LibraryScenarios, WindowConservation,
                         ::testing::Combine(::testing::Values("default", "zipf-hot", "bursty-gamma",
                                                              "heterogeneous-experts"),
                                            ::testing::Values(OverflowPolicy::drop, OverflowPolicy::queue,
                                                              OverflowPolicy::next_choice),
                                            ::testing::Values(1u, 2u, 3u)),
                         case_name);

}  // namespace
}  // namespace routelab
