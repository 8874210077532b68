// Sweeps take their longest runs first (by the plan's token counts), ties in plan order, so a long
// run never starts last and leaves the other workers idle.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/sweep/run_records.hpp"
#include "cli/sweep/run_schedule.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/sweeps/sweep_file.hpp"
#include "scenarios/sweeps/sweep_plan.hpp"
#include "scenarios/sweeps/sweep_scenario.hpp"
#include "tests/support/scratch_dir.hpp"

namespace routelab::cli {
namespace {

TEST(SweepSchedule, LongestRunsFirstTiesInPlanOrder) {
  testing::ScratchDir dir;
  const auto path = dir / "sweep.toml";
  std::ofstream(path) << R"(scenario = "default"
routers = ["hash", "greedy"]
[grid]
length.tokens = [1000, 50000, 8000]
)";
  const RouterRegistry registry = builtin_router_registry();
  const auto file = sweeps::load_sweep_file(path, registry);
  const sweeps::SweepScenarioBuilder builder(file);
  const auto plan = sweeps::expand_plan(file, builder.context_document());
  TrainedModelCache models;
  const RunBuilder runs(registry, models);
  const auto columns = sweep_columns({});
  const RunContext context{file, plan, builder, runs, columns};
  std::vector<std::size_t> all(plan.runs.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  ASSERT_EQ(all.size(), 6u);

  const auto ordered = longest_runs_first(context, all);
  auto tokens = [&](std::size_t r) {
    return builder.scenario_for(plan.points[plan.runs[r].point].parameters).workload.total_tokens;
  };
  ASSERT_EQ(ordered.size(), all.size());
  for (std::size_t i = 0; i + 1 < ordered.size(); ++i) {
    EXPECT_GE(tokens(ordered[i]), tokens(ordered[i + 1])) << i;
    if (tokens(ordered[i]) == tokens(ordered[i + 1])) EXPECT_LT(ordered[i], ordered[i + 1]) << "ties keep plan order";
  }
  EXPECT_EQ(tokens(ordered.front()), 50000);
  EXPECT_EQ(tokens(ordered.back()), 1000);
}

}  // namespace
}  // namespace routelab::cli
