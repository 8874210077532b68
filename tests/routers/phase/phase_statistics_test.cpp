// The statistics toolkit (spec §4): internal consistency, the t-proportional baseline, capacity
// percentiles, the k search (including when k does not bind) and the distribution analysis.
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/percentile.hpp"
#include "routers/phase/phase_parameter_search.hpp"
#include "routers/phase/phase_statistics.hpp"
#include "routers/phase/phase_theory.hpp"
#include "tests/routers/phase/phase_test_inputs.hpp"

namespace routelab::phase {
namespace {

TEST(PhaseStatistics, PercentileIsNumpysLinearInterpolation) {
  EXPECT_DOUBLE_EQ(interpolated_percentile({1, 2, 3, 4}, 0.95), 3.85);  // numpy.percentile([1,2,3,4], 95)
  EXPECT_DOUBLE_EQ(interpolated_percentile({10, 1}, 0.5), 5.5);
  EXPECT_DOUBLE_EQ(interpolated_percentile({7}, 0.99), 7);
  EXPECT_DOUBLE_EQ(interpolated_percentile({3, 1, 2}, 1), 3);
  EXPECT_DOUBLE_EQ(interpolated_percentile({3, 1, 2}, 0), 1);
}

TEST(PhaseStatistics, ColumnStatisticsAreConsistentAndThreadIndependent) {
  const std::int64_t b = 300, e = 50, k = 4;
  const auto s = testing::uniform_degrees(b, 1, e, 3);
  const auto t = testing::uniform_degrees(e, 1, b, 4);
  const int saved = omp_get_max_threads();
  omp_set_num_threads(1);
  const ColumnStatistics one = monte_carlo_column_statistics(s, t, k, 24, 5, true);
  omp_set_num_threads(4);
  const ColumnStatistics four = monte_carlo_column_statistics(s, t, k, 24, 5, true);
  omp_set_num_threads(saved);
  EXPECT_EQ(one.loads, four.loads);
  EXPECT_EQ(one.mean, four.mean);
  ASSERT_EQ(one.loads.size(), static_cast<std::size_t>(24 * e));
  EXPECT_NEAR(std::accumulate(one.mean.begin(), one.mean.end(), 0.0), one.mean_routes, 1e-9);
  EXPECT_NEAR(one.fill_ratio, one.mean_routes / static_cast<double>(b * k), 1e-12);
  EXPECT_NEAR(std::accumulate(one.bias.begin(), one.bias.end(), 0.0), 0.0, 1e-9);
  const double mean_of_means = one.mean_routes / static_cast<double>(e);
  EXPECT_NEAR(one.global_skew, *std::max_element(one.mean.begin(), one.mean.end()) / mean_of_means, 1e-12);
  for (std::size_t j = 0; j < one.mean.size(); ++j) {
    EXPECT_NEAR(one.expected[j], one.mean_routes * static_cast<double>(t[j]) / std::accumulate(t.begin(), t.end(), 0.0), 1e-9);
    EXPECT_LE(one.p95[j], static_cast<double>(one.max[j]));
    EXPECT_GE(one.std[j], 0.0);
    if (one.mean[j] > 0) {
      EXPECT_NEAR(one.temporal_skew[j], static_cast<double>(one.max[j]) / one.mean[j], 1e-12);
    }
  }
}

TEST(PhaseStatistics, UnboundLoadsFollowTheTProportionalBaseline) {
  // With k = E nothing is cut, and E[load_j] = sum(s) t_j / E... proportional to t_j exactly.
  const std::int64_t b = 400, e = 40;
  const auto s = testing::uniform_degrees(b, 5, e, 7);
  const auto t = testing::uniform_degrees(e, 50, b, 8);
  const ColumnStatistics stats = monte_carlo_column_statistics(s, t, e, 200, 9);
  for (std::size_t j = 0; j < t.size(); ++j) EXPECT_NEAR(stats.relative_error[j], 0.0, 0.05) << "column " << j;
}

TEST(PhaseStatistics, CapacityIsTheLoadPercentile) {
  const std::int64_t b = 200, e = 30, k = 3;
  const auto s = testing::uniform_degrees(b, 1, e, 11);
  const auto t = testing::uniform_degrees(e, 1, b, 12);
  const ColumnStatistics stats = monte_carlo_column_statistics(s, t, k, 40, 13, true);
  const CapacityEstimate full = estimate_capacity(s, t, k, 1.0, 40, 13);
  const CapacityEstimate p90 = estimate_capacity(s, t, k, 0.9, 40, 13);
  double total = 0;
  for (std::size_t j = 0; j < static_cast<std::size_t>(e); ++j) {
    EXPECT_DOUBLE_EQ(full.required[j], static_cast<double>(stats.max[j]));  // confidence 1: the largest load seen
    EXPECT_DOUBLE_EQ(p90.mean[j], stats.mean[j]);
    EXPECT_LE(p90.required[j], full.required[j]);
    EXPECT_DOUBLE_EQ(p90.headroom[j], p90.required[j] - p90.mean[j]);
    if (full.required[j] > 0) {
      EXPECT_LE(full.utilization[j], 1.0);
    }
    total += full.required[j];
  }
  EXPECT_DOUBLE_EQ(full.total_required, total);
  EXPECT_DOUBLE_EQ(full.max_required, *std::max_element(full.required.begin(), full.required.end()));
}

// Every token may use every expert; capacities tile the token ring exactly 32 times, so every
// token has exactly 32 candidates: small k samples them (noisy loads), k = 32 keeps them all and
// every expert gets exactly its capacity (skew 1).
struct TiledOperator {
  std::vector<std::int64_t> s = std::vector<std::int64_t>(1024, 64);
  std::vector<std::int64_t> t = std::vector<std::int64_t>(64, 512);
};

TEST(PhaseStatistics, SmallestKReachingATargetSkew) {
  const TiledOperator op;
  const KSearchResult result = smallest_k_for_skew(op.s, op.t, 1.1, 1, 200, 6, 3);
  ASSERT_TRUE(result.found);
  EXPECT_EQ(result.max_row_candidates, 32);
  EXPECT_TRUE(result.k_binds);
  EXPECT_EQ(result.searched_up_to, 32);  // beyond 32 candidates k changes nothing
  EXPECT_LE(result.achieved_skew, 1.1);
  EXPECT_GT(result.k, 1);
  for (const SkewEvaluation& step : result.evaluations) EXPECT_LE(step.k, 32);
  // The boundary, checked independently on the same seeds.
  EXPECT_LE(monte_carlo_column_statistics(op.s, op.t, result.k, 6, 3).global_skew, 1.1);
  EXPECT_GT(monte_carlo_column_statistics(op.s, op.t, result.k - 1, 6, 3).global_skew, 1.1);
}

TEST(PhaseStatistics, KSearchSaysWhenKDoesNotBind) {
  const TiledOperator op;
  const KSearchResult unbound = smallest_k_for_skew(op.s, op.t, 1.1, 40, 100, 4, 3);
  EXPECT_FALSE(unbound.k_binds);
  EXPECT_TRUE(unbound.found);
  EXPECT_EQ(unbound.k, 40);
  EXPECT_DOUBLE_EQ(unbound.achieved_skew, 1.0);
  EXPECT_EQ(unbound.evaluations.size(), 1u);
  // An unreachable target: the search stops where k stops binding, and reports the best k seen.
  const KSearchResult unreachable = smallest_k_for_skew(op.s, op.t, 0.5, 1, 1000, 4, 3);
  EXPECT_FALSE(unreachable.found);
  EXPECT_EQ(unreachable.searched_up_to, 32);
  EXPECT_DOUBLE_EQ(unreachable.achieved_skew, 1.0);
  for (const SkewEvaluation& step : unreachable.evaluations) EXPECT_LE(step.k, 32);
}

TEST(PhaseStatistics, DistributionOverKAgreesWithTheory) {
  const std::int64_t b = 500, e = 100;
  const auto s = testing::uniform_degrees(b, 1, e, 21);
  const auto t = testing::uniform_degrees(e, 1, b, 22);
  const std::vector<std::int64_t> ks{1, 4, 16, 100};
  const auto points = analyze_distribution(s, t, ks, 30, 23);
  ASSERT_EQ(points.size(), ks.size());
  const double cells = static_cast<double>(b * e);
  const double sum_s = std::accumulate(s.begin(), s.end(), 0.0), sum_t = std::accumulate(t.begin(), t.end(), 0.0);
  for (std::size_t p = 0; p < points.size(); ++p) {
    EXPECT_EQ(points[p].k, ks[p]);
    EXPECT_NEAR(points[p].theoretical_edge_density, expected_routes(s, t, ks[p]) / cells, 1e-15);
    EXPECT_NEAR(points[p].edge_density, points[p].theoretical_edge_density, 0.03 * points[p].theoretical_edge_density);
    EXPECT_NEAR(points[p].candidate_density, sum_s * sum_t / (cells * cells), 1e-15);
    EXPECT_NEAR(points[p].fill_ratio, points[p].mean_routes / static_cast<double>(b * ks[p]), 1e-12);
    if (p > 0) {
      EXPECT_GE(points[p].mean_routes, points[p - 1].mean_routes);
    }
  }
  EXPECT_TRUE(points.front().k_binds);
  EXPECT_FALSE(points.back().k_binds);  // k = E keeps every candidate
  EXPECT_NEAR(points.back().theoretical_edge_density, points.back().candidate_density, 1e-12);
}

}  // namespace
}  // namespace routelab::phase

namespace routelab::phase {
namespace {

TEST(PhaseStatistics, ShowsTheColumnBiasOfTheTiledMoeOperatorAndItsAbsenceUnderTheSimulatorLayout) {
  // The default scenario's batch: B = 512 tokens, E = 64 experts, k = 2, t_j = 20 (sum 1280 =
  // 2.5 laps). Tiled in the given order, experts 13..24 and 39..50 lie where only 2 arcs overlap
  // and are full (20 against a share of 16) in every sample; the toolkit must say so, by column.
  const std::vector<std::int64_t> s(512, 64), t(64, 20);
  const ColumnStatistics tiled = monte_carlo_column_statistics(s, t, 2, 200, 7);
  EXPECT_NEAR(tiled.max_relative_error, 0.25, 1e-9);
  for (const std::int64_t j : {13, 24, 39, 50}) EXPECT_NEAR(tiled.relative_error[static_cast<std::size_t>(j)], 0.25, 1e-9);
  EXPECT_LT(tiled.relative_error[0], -0.1);
  const ColumnStatistics simulator =
      monte_carlo_column_statistics(s, t, 2, 200, 7, false, CapacityArcLayout{.permuted_order = true, .spread = true});
  EXPECT_LT(std::abs(simulator.max_relative_error), 0.03);
  EXPECT_GE(simulator.max_relative_error_column, 0);
}

}  // namespace
}  // namespace routelab::phase
