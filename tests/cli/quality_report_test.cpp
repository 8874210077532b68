// The quality side of the report: per-router means over replications, the Pareto flags, the
// structural limits, and nothing at all for scenarios without a quality model.
#include "cli/quality_report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/summary_report.hpp"
#include "scenarios/scenario_library.hpp"

namespace routelab::cli {
namespace {

using ::testing::HasSubstr;

RunResult result(const std::string& router, std::uint64_t replication, double loss, double max_over_mean) {
  RunResult r;
  r.router = router;
  r.replication = replication;
  r.summary.load_max_over_mean = max_over_mean;
  r.quality = QualitySummary{100, 100, loss, 0.1, 0.5};
  return r;
}

TEST(QualityReport, AveragesReplicationsAndFlagsTheParetoFront) {
  const std::vector<RunResult> results{result("a", 0, 1.0, 1.2), result("a", 1, 2.0, 1.4),  // mean (1.5, 1.3)
                                       result("b", 0, 0.5, 3.0), result("c", 0, 1.6, 1.35)};
  const std::vector<RouterTradeoff> rows = tradeoffs(results);
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_DOUBLE_EQ(rows[0].expert_loss, 1.5);
  EXPECT_DOUBLE_EQ(rows[0].load_max_over_mean, 1.3);
  EXPECT_TRUE(rows[0].pareto);
  EXPECT_TRUE(rows[1].pareto);
  EXPECT_FALSE(rows[2].pareto);  // c is worse than a on both
}

TEST(QualityReport, TableAndJsonShowTheFrontAndTheLimits) {
  const ScenarioSpec spec = load_builtin_scenario("zipf-hot");
  const std::vector<RunResult> results{result("a", 0, 1.0, 1.2), result("b", 0, 0.5, 3.0)};
  const std::string table = report_to_table(spec, results);
  EXPECT_THAT(table, HasSubstr("quality vs balance"));
  EXPECT_THAT(table, HasSubstr("Pareto front (not dominated on loss and max/mean): a, b"));
  EXPECT_THAT(table, HasSubstr("max/mean >= E x share / k = 64 x "));
  EXPECT_THAT(table, HasSubstr("cannot change the multiset of loads"));
  const auto json = report_to_json(spec, results);
  EXPECT_EQ(json["pareto"], nlohmann::ordered_json::array({"a", "b"}));
  // Zipf(1.2) over 50,257 keys: the commonest key holds about 18% of the tokens.
  const double share = json["structural_limits"]["hottest_key_share"].get<double>();
  EXPECT_NEAR(share, 0.18, 0.02);
  EXPECT_DOUBLE_EQ(json["structural_limits"]["identical_token_floor"].get<double>(), 64 * share);
  EXPECT_EQ(json["routers"][0]["quality"]["expert_loss_mean"].get<double>(), 1.0);
}

TEST(QualityReport, AbsentWithoutQuality) {
  const ScenarioSpec spec = load_builtin_scenario("default");
  RunResult plain;
  plain.router = "hash";
  EXPECT_EQ(tradeoff_to_table(spec, {plain}), "");
  EXPECT_TRUE(tradeoff_to_json(spec, {plain}).empty());
  EXPECT_FALSE(report_to_json(spec, {plain})["routers"][0].contains("quality"));
}

}  // namespace
}  // namespace routelab::cli
