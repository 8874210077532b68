// Report statistics against values computed by hand and published t tables.
#include "results/confidence_interval.hpp"
#include "results/report_statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "results_test_support.hpp"

namespace routelab::results {
namespace {

TEST(ReportStatistics, MeansIntervalsAndFailuresPerPointAndRouter) {
  const auto dir = testing::fresh_dir("statistics");
  auto store = ResultsStore::create(dir / "r.sqlite", testing::identity());
  // Point 0, greedy: drop rates 1, 2, 3, 4 over four replications; hash: one ok run, one failure.
  for (int rep = 0; rep < 4; ++rep) {
    RunRecord r = testing::record(0);
    r.run_id = testing::numbered("g", rep);
    r.plan_index = rep;
    r.replication = rep;
    r.cells[1] = static_cast<double>(rep + 1);
    store.insert(r);
  }
  RunRecord hash = testing::record(1);
  hash.plan_index = 10;
  store.insert(hash);
  RunRecord failed = testing::record(1);
  failed.run_id = "h-failed";
  failed.plan_index = 11;
  failed.ok = false;
  failed.error = "boom";
  store.insert(failed);
  store.insert(testing::record(2));  // point 1

  const ReportData data = summarize_results(store);
  EXPECT_EQ(data.parameter_names, (std::vector<std::string>{"routing.k"}));
  EXPECT_EQ(data.metric_names, (std::vector<std::string>{"drop_rate", "tokens", "wall_seconds"}));
  EXPECT_EQ(data.stored_runs, 7);
  ASSERT_EQ(data.points.size(), 2u);
  const PointStatistics& point = data.points[0];
  ASSERT_EQ(point.routers.size(), 2u);
  const MetricStatistics& drops = point.routers[0].metrics[0];
  EXPECT_EQ(point.routers[0].router, "greedy");
  EXPECT_EQ(drops.n, 4u);
  EXPECT_DOUBLE_EQ(drops.mean, 2.5);
  EXPECT_NEAR(drops.stddev, std::sqrt(5.0 / 3.0), 1e-12);
  EXPECT_NEAR(drops.ci95, 3.182446305 * std::sqrt(5.0 / 3.0) / 2.0, 1e-8);
  EXPECT_DOUBLE_EQ(drops.min, 1);
  EXPECT_DOUBLE_EQ(drops.max, 4);
  const GroupStatistics& h = point.routers[1];
  EXPECT_EQ(h.ok, 1u);
  EXPECT_EQ(h.failed, 1u);
  EXPECT_EQ(h.first_error, "boom");
  EXPECT_TRUE(std::isnan(h.metrics[0].ci95));  // one run: no interval
  EXPECT_EQ(std::get<std::int64_t>(point.parameter_values[0]), 1);

  // Ranking by drop_rate: hash (0.01) before greedy (2.5); reversed when higher is better.
  EXPECT_EQ(rank_routers(point, 0, false), (std::vector<std::size_t>{1, 0}));
  EXPECT_EQ(rank_routers(point, 0, true), (std::vector<std::size_t>{0, 1}));
}

TEST(ReportStatistics, RoutersWithoutValuesRankLast) {
  PointStatistics point;
  for (const double mean : {3.0, std::nan(""), 1.0}) {
    GroupStatistics group;
    MetricStatistics s;
    s.n = std::isnan(mean) ? 0 : 2;
    s.mean = mean;
    group.metrics.push_back(s);
    point.routers.push_back(group);
  }
  EXPECT_EQ(rank_routers(point, 0, false), (std::vector<std::size_t>{2, 0, 1}));
  EXPECT_EQ(rank_routers(point, 0, true), (std::vector<std::size_t>{0, 2, 1}));
}

}  // namespace
}  // namespace routelab::results
