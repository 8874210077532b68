// LoadWindow::completed_latencies: every completed token appears in exactly one window, and the
// windows together reproduce the run's latency percentiles.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "engine/metrics_sink.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"

namespace routelab {
namespace {

class LatencyCollector : public MetricsSink {
 public:
  void on_window(const LoadWindow& window) override {
    per_window.emplace_back(window.completed_latencies.begin(), window.completed_latencies.end());
  }
  std::vector<std::vector<std::int64_t>> per_window;
};

TEST(WindowLatencies, EveryCompletedTokenIsReportedInExactlyOneWindow) {
  const ScenarioSpec spec = load_builtin_scenario(kDefaultScenario);
  const RouterRegistry registry = builtin_router_registry();
  LatencyCollector collector;
  MetricsSink* sinks[] = {&collector};
  const RunResult result = run_scenario(spec, RouterSpec{"hash", {}}, 0, registry, sinks);

  std::vector<std::int64_t> all;
  for (const auto& window : collector.per_window) all.insert(all.end(), window.begin(), window.end());
  ASSERT_EQ(static_cast<std::int64_t>(all.size()), result.summary.tokens_completed);
  ASSERT_EQ(static_cast<std::int64_t>(collector.per_window.size()), result.summary.windows);
  EXPECT_TRUE(std::all_of(all.begin(), all.end(), [](std::int64_t latency) { return latency >= 0; }));
  EXPECT_EQ(percentile(all, 0.99), result.summary.latency_p99);
  EXPECT_EQ(*std::max_element(all.begin(), all.end()), result.summary.latency_max);
  // Tokens keep completing while batches arrive, so more than one window carries latencies.
  const auto windows_with_latencies = std::count_if(collector.per_window.begin(), collector.per_window.end(),
                                                    [](const auto& window) { return !window.empty(); });
  EXPECT_GT(windows_with_latencies, 1);
}

}  // namespace
}  // namespace routelab
