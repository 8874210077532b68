// `compare` reports the optimum of the same batches under the routers: an `optimum` line and each
// router's gap in the table, a top-level `optimum` object and per-router `optimum_gap` in JSON.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"

namespace routelab {
namespace {

using testing::run_cli;

TEST(OptimumReport, JsonCarriesTheOptimumAndEachRoutersGap) {
  const auto result = run_cli("compare --routers hash,greedy --tokens 20000 --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  ASSERT_TRUE(json.contains("optimum"));
  const auto& optimum = json["optimum"];
  ASSERT_TRUE(optimum["load_max_over_mean"].is_number());
  ASSERT_TRUE(optimum["fill_ratio"].is_number());
  EXPECT_EQ(optimum["batches"], json["routers"][0]["batches"]);
  // 40 batches of 512 tokens, k = 2, E = 64: 40960 slots spread evenly, 640 an expert.
  EXPECT_DOUBLE_EQ(optimum["load_max_over_mean"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(optimum["fill_ratio"].get<double>(), 1.0);
  for (const auto& entry : json["routers"]) {
    const auto& gap = entry["optimum_gap"];
    EXPECT_NEAR(gap["load_max_over_mean"].get<double>(),
                entry["load_max_over_mean"].get<double>() - optimum["load_max_over_mean"].get<double>(), 1e-12);
    const double served = entry["fill_ratio"].get<double>() * (1 - entry["drop_rate"].get<double>());
    EXPECT_NEAR(gap["fill_ratio"].get<double>(), optimum["fill_ratio"].get<double>() - served, 1e-9);
    EXPECT_GE(gap["load_max_over_mean"].get<double>(), 0.0) << entry["router"];
    EXPECT_GE(gap["fill_ratio"].get<double>(), -1e-12) << entry["router"];
  }
  // hash drops on the default scenario: a real gap in served fill.
  EXPECT_GT(json["routers"][0]["optimum_gap"]["fill_ratio"].get<double>(), 0.01);
}

TEST(OptimumReport, TableShowsTheOptimumLineAndAGapPerRouter) {
  const auto result = run_cli("compare --routers hash,greedy --tokens 20000");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("\noptimum           1.000 max/mean, 1.000 served fill"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("\ngap            max/mean  served fill"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("\nhash             +"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("\ngreedy           +"), std::string::npos) << result.out;
  // The column legend is printed once, under the main table and before the optimum line.
  const auto legend = result.out.find("\ncolumns: ");
  ASSERT_NE(legend, std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("\ncolumns: ", legend + 1), std::string::npos) << "legend printed twice:\n" << result.out;
  EXPECT_LT(legend, result.out.find("\noptimum "));
}

TEST(OptimumReport, ReplicationsAggregateTheOptimumLikeTheRouters) {
  const auto result = run_cli("compare --routers hash --tokens 5000 --replications 3 --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_TRUE(json["optimum"]["load_max_over_mean_ci95"].is_number());
  EXPECT_TRUE(json["optimum"]["fill_ratio_ci95"].is_number());
  const auto table = run_cli("compare --routers hash --tokens 5000 --replications 3");
  EXPECT_NE(table.out.find("\noptimum "), std::string::npos) << table.out;
}

// Hot keys: hash and greedy both fill every slot, and neither gets past the optimum.
TEST(OptimumReport, NoRouterGetsPastTheOptimumOnHotKeys) {
  const auto tight = run_cli("compare --scenario zipf-hot --routers hash,greedy --tokens 8000 --format json");
  ASSERT_EQ(tight.exit_code, 0) << tight.err;
  const auto json = nlohmann::json::parse(tight.out);
  for (const auto& entry : json["routers"]) {
    EXPECT_GE(entry["optimum_gap"]["fill_ratio"].get<double>(), -1e-12);
    EXPECT_GE(entry["optimum_gap"]["load_max_over_mean"].get<double>(), -1e-12);
  }
}

// On a semantic scenario the optimum also carries the best quality at each load bound.
TEST(OptimumReport, SemanticScenarioCarriesTheQualityFront) {
  const auto result = run_cli("compare --scenario semantic-clusters --routers hash,greedy --tokens 4096 --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  const auto& optimum = json["optimum"];
  ASSERT_TRUE(optimum["expert_loss_mean"].is_number());
  ASSERT_EQ(optimum["quality_front"].size(), 3u);
  EXPECT_EQ(optimum["quality_front"][0]["expert_loss_mean"], optimum["expert_loss_mean"]);
  for (std::size_t b = 1; b < 3; ++b) {
    EXPECT_GT(optimum["quality_front"][b]["load_bound"].get<double>(), optimum["quality_front"][b - 1]["load_bound"].get<double>());
    EXPECT_LE(optimum["quality_front"][b]["expert_loss_mean"].get<double>(),
              optimum["quality_front"][b - 1]["expert_loss_mean"].get<double>());
  }
  // The floor that ignores load is below every bound's best.
  for (const auto& entry : json["routers"])
    EXPECT_LE(entry["quality"]["expert_loss_best"].get<double>(), optimum["quality_front"][2]["expert_loss_mean"].get<double>() + 1e-9);
  const auto table = run_cli("compare --scenario semantic-clusters --routers hash --tokens 4096");
  EXPECT_NE(table.out.find("best expert loss "), std::string::npos) << table.out;
}

}  // namespace
}  // namespace routelab
