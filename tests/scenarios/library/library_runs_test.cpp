// The scenario library: at least 12 documented scenarios, each runnable by name with every router
// it compares (on a shortened stream to stay fast), and no router beating the optimum of its batches.
#include <gtest/gtest.h>

#include <algorithm>

#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"
#include "scenarios/traces/trace_loader.hpp"
#include "tests/support/scenario_test_name.hpp"

namespace routelab {
namespace {

constexpr std::int64_t kShortTokens = 1024;

TEST(ScenarioLibraryRuns, HoldsAtLeastTwelveDocumentedScenarios) {
  const auto& scenarios = builtin_scenarios();
  EXPECT_GE(scenarios.size(), 12u);
  const auto names = builtin_scenario_names();
  EXPECT_NE(std::find(names.begin(), names.end(), kDefaultScenario), names.end());
  for (const auto& scenario : scenarios) {
    SCOPED_TRACE(std::string(scenario.name));
    EXPECT_EQ(scenario.toml_text.substr(0, 2), "# ");  // opens with a comment saying what it shows
    const ScenarioSpec spec = load_builtin_scenario(std::string(scenario.name));
    EXPECT_EQ(spec.name, scenario.name);
    EXPECT_FALSE(spec.description.empty());
    EXPECT_LE(spec.description.size(), 100u);  // one line in `routelab scenarios`
  }
}

// One test per scenario, so ctest runs them in parallel.
class EveryLibraryScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryLibraryScenario, RunsWithEveryRouterItCompares) {
  const auto registry = builtin_router_registry();
  ScenarioSpec spec = load_builtin_scenario(GetParam());
  spec.workload.total_tokens = kShortTokens;
  spec.simulation.stop_tick = -1;
  load_trace_data(spec);
  for (const auto& router : routers_to_compare(spec, registry)) {
    for (int layer : layers_to_run(spec)) {
      const ScenarioSpec run_spec = layer > 0 ? scenario_for_layer(spec, layer) : spec;
      const RunResult result = run_scenario(run_spec, router, 0, registry);
      EXPECT_GT(result.summary.tokens, 0) << router.name;
      EXPECT_LE(result.summary.tokens, kShortTokens + (spec.adversary.enabled() ? kShortTokens : 0)) << router.name;
      EXPECT_EQ(result.adversary.has_value(), spec.adversary.enabled());
      EXPECT_GT(result.summary.tokens_completed + result.summary.tokens_unserved, 0);
      // The optimum of the same batches is an oracle: no router beats it. Its load figure is for
      // assignments that fill every slot, so it bounds the routers that fill every slot.
      const OptimumSummary& best = result.optimum;
      EXPECT_EQ(best.batches, result.summary.batches) << router.name;
      const Summary& s = result.summary;
      const double served = s.tokens > 0 ? static_cast<double>(s.assignments - s.assignments_dropped) /
                                               (static_cast<double>(s.tokens) * run_spec.simulation.k)
                                         : 0.0;
      EXPECT_LE(served, best.fill_ratio + 1e-12) << router.name << " served more than the capacities accept";
      if (s.fill_ratio == 1.0)
        EXPECT_GE(s.load_max_over_mean, best.load_max_over_mean - 1e-12) << router.name << " beat the optimum's balance";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(ScenarioLibraryRuns, EveryLibraryScenario, ::testing::ValuesIn(builtin_scenario_names()),
                         testing::scenario_test_name);

}  // namespace
}  // namespace routelab
