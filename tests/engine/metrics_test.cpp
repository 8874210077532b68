// Load-balance statistics and percentiles against values worked out by hand.
#include "engine/metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

namespace routelab {
namespace {

using Loads = std::vector<std::int64_t>;

TEST(LoadStatistics, OneTwoThreeFour) {
  const Loads loads{1, 2, 3, 4};  // mean 2.5
  EXPECT_DOUBLE_EQ(max_over_mean(loads), 1.6);
  // Population variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25; cv = sqrt(1.25) / 2.5 = sqrt(0.2).
  EXPECT_NEAR(coefficient_of_variation(loads), std::sqrt(0.2), 1e-12);
  // Mean absolute difference over ordered pairs 20 / 16; Gini = that / (2 * mean) = 0.25.
  EXPECT_NEAR(gini(loads), 0.25, 1e-12);
  const double entropy =
      -(0.1 * std::log(0.1) + 0.2 * std::log(0.2) + 0.3 * std::log(0.3) + 0.4 * std::log(0.4)) / std::log(4.0);
  EXPECT_NEAR(normalized_entropy(loads), entropy, 1e-12);
  EXPECT_NEAR(normalized_entropy(loads), 0.9232196723355078, 1e-12);
}

TEST(LoadStatistics, PerfectBalance) {
  const Loads loads{5, 5, 5};
  EXPECT_DOUBLE_EQ(max_over_mean(loads), 1.0);
  EXPECT_DOUBLE_EQ(coefficient_of_variation(loads), 0.0);
  EXPECT_DOUBLE_EQ(gini(loads), 0.0);
  EXPECT_NEAR(normalized_entropy(loads), 1.0, 1e-12);
}

TEST(LoadStatistics, EverythingOnOneExpert) {
  const Loads loads{0, 0, 0, 8};  // mean 2
  EXPECT_DOUBLE_EQ(max_over_mean(loads), 4.0);
  EXPECT_NEAR(coefficient_of_variation(loads), std::sqrt(3.0), 1e-12);  // variance 48 / 4 = 12
  EXPECT_NEAR(gini(loads), 0.75, 1e-12);                                 // (n - 1) / n
  EXPECT_DOUBLE_EQ(normalized_entropy(loads), 0.0);
}

TEST(LoadStatistics, NoLoadAtAll) {
  const Loads zeros{0, 0, 0};
  EXPECT_DOUBLE_EQ(max_over_mean(zeros), 0.0);
  EXPECT_DOUBLE_EQ(coefficient_of_variation(zeros), 0.0);
  EXPECT_DOUBLE_EQ(gini(zeros), 0.0);
  EXPECT_DOUBLE_EQ(normalized_entropy(zeros), 0.0);
  const Loads empty;
  EXPECT_DOUBLE_EQ(max_over_mean(empty), 0.0);
  EXPECT_DOUBLE_EQ(coefficient_of_variation(empty), 0.0);
  EXPECT_DOUBLE_EQ(gini(empty), 0.0);
}

TEST(LoadStatistics, GiniMatchesMeanAbsoluteDifference) {
  const Loads loads{7, 0, 3, 3, 12, 1, 9};
  double pair_sum = 0;
  for (auto a : loads)
    for (auto b : loads) pair_sum += std::abs(static_cast<double>(a - b));
  const double mean = 35.0 / 7.0;
  EXPECT_NEAR(gini(loads), pair_sum / (2.0 * 49.0 * mean), 1e-12);
}

TEST(Percentile, NearestRankOfSmallSet) {
  // Unsorted on purpose: the function sorts a copy.
  const std::vector<std::int64_t> values{35, 20, 50, 15, 40};
  EXPECT_EQ(percentile(values, 0.0), 15);  // rank clamps to 1
  EXPECT_EQ(percentile(values, 0.05), 15);
  EXPECT_EQ(percentile(values, 0.30), 20);  // ceil(1.5) = 2
  EXPECT_EQ(percentile(values, 0.40), 20);  // ceil(2.0) = 2
  EXPECT_EQ(percentile(values, 0.50), 35);  // ceil(2.5) = 3
  EXPECT_EQ(percentile(values, 1.00), 50);
  EXPECT_EQ(percentile(std::vector<std::int64_t>{}, 0.5), 0);
  EXPECT_DOUBLE_EQ(percentile(std::vector<double>{0.5, 2.5, 1.5}, 0.5), 1.5);
  EXPECT_DOUBLE_EQ(percentile(std::vector<double>{}, 0.99), 0.0);
}

// Every whole-percent q on every n up to 400, against the rank in exact integer arithmetic:
// ceil(p * n / 100). Catches q * n landing a hair above an integer (0.07 * 100 = 7.000000000000001).
TEST(Percentile, WholePercentsMatchExactIntegerRank) {
  for (std::int64_t n = 1; n <= 400; ++n) {
    std::vector<std::int64_t> values(static_cast<std::size_t>(n));
    std::iota(values.begin(), values.end(), 1);  // the value is its own rank
    std::vector<double> as_double(values.begin(), values.end());
    for (std::int64_t p = 1; p <= 100; ++p) {
      const std::int64_t rank = (p * n + 99) / 100;
      const double q = static_cast<double>(p) / 100.0;
      ASSERT_EQ(percentile(values, q), rank) << "n=" << n << " p=" << p;
      ASSERT_DOUBLE_EQ(percentile(as_double, q), static_cast<double>(rank)) << "n=" << n << " p=" << p;
    }
  }
}

TEST(Fingerprint, SixteenHexDigits) {
  EXPECT_EQ(fingerprint_hex(0), "0000000000000000");
  EXPECT_EQ(fingerprint_hex(0xdeadbeef01234567ULL), "deadbeef01234567");
}

}  // namespace
}  // namespace routelab
