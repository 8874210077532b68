// The log-bucketed latency histogram against exact nearest ranks: within the stated relative
// error for many seeds and shapes, exact below 256 ticks, and merging equal to adding every value
// to one histogram.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <vector>

#include "engine/latency_distribution.hpp"
#include "engine/latency_histogram.hpp"
#include "engine/metrics.hpp"
#include "core/rng_streams.hpp"

namespace routelab {
namespace {

constexpr double kQuantiles[] = {0.0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0};

std::vector<std::int64_t> draw(std::uint64_t seed, int shape, int n) {
  RngEngine rng(seed);
  boost::random::exponential_distribution<double> exponential(1.0 / 900.0);
  boost::random::lognormal_distribution<double> lognormal(7.0, 1.2);  // parameters of the underlying normal
  boost::random::uniform_int_distribution<std::int64_t> wide(0, std::int64_t{1} << 40);
  std::vector<std::int64_t> values;
  for (int i = 0; i < n; ++i) {
    switch (shape) {
      case 0: values.push_back(static_cast<std::int64_t>(exponential(rng))); break;
      case 1: values.push_back(static_cast<std::int64_t>(lognormal(rng))); break;
      default: values.push_back(wide(rng)); break;
    }
  }
  return values;
}

TEST(LatencyHistogram, BucketsTileTheValuesWithoutGaps) {
  for (std::size_t b = 0; b + 1 < 4000; ++b) {
    ASSERT_LE(LatencyHistogram::bucket_low(b), LatencyHistogram::bucket_high(b)) << b;
    ASSERT_EQ(LatencyHistogram::bucket_high(b) + 1, LatencyHistogram::bucket_low(b + 1)) << b;
    ASSERT_EQ(LatencyHistogram::bucket_of(LatencyHistogram::bucket_low(b)), b);
    ASSERT_EQ(LatencyHistogram::bucket_of(LatencyHistogram::bucket_high(b)), b);
  }
}

TEST(LatencyHistogram, QuantilesWithinTheStatedRelativeErrorOverManySeeds) {
  ASSERT_LE(LatencyHistogram::kMaxRelativeError, 0.005);
  double worst = 0;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    for (int shape = 0; shape < 3; ++shape) {
      const auto values = draw(seed, shape, 2000 + static_cast<int>(seed) * 37);
      LatencyHistogram histogram;
      for (auto v : values) histogram.add(v);
      for (double q : kQuantiles) {
        const auto exact = static_cast<double>(percentile(values, q));
        const auto approx = static_cast<double>(histogram.quantile(q));
        const double error = exact > 0 ? std::abs(approx - exact) / exact : std::abs(approx);
        worst = std::max(worst, error);
        ASSERT_LE(error, LatencyHistogram::kMaxRelativeError) << "seed " << seed << " shape " << shape << " q " << q;
      }
      EXPECT_EQ(histogram.max(), *std::max_element(values.begin(), values.end()));
      EXPECT_EQ(histogram.min(), *std::min_element(values.begin(), values.end()));
    }
  }
  EXPECT_GT(worst, 0.0);  // the wide values do land inside buckets: the check above is not vacuous
}

TEST(LatencyHistogram, ExactBelowTwoHundredFiftySixTicks) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    RngEngine rng(seed);
    boost::random::uniform_int_distribution<std::int64_t> small(0, 255);
    std::vector<std::int64_t> values;
    LatencyHistogram histogram;
    for (int i = 0; i < 997; ++i) {
      values.push_back(small(rng));
      histogram.add(values.back());
    }
    for (double q : kQuantiles) ASSERT_EQ(histogram.quantile(q), percentile(values, q)) << seed << " " << q;
  }
}

TEST(LatencyHistogram, MergeEqualsOneHistogramOfEveryValue) {
  const auto a = draw(3, 1, 5000);
  const auto b = draw(4, 2, 3000);
  LatencyHistogram left, right, both;
  for (auto v : a) {
    left.add(v);
    both.add(v);
  }
  for (auto v : b) {
    right.add(v);
    both.add(v);
  }
  left.merge(right);
  EXPECT_EQ(left.count(), both.count());
  EXPECT_EQ(left.min(), both.min());
  EXPECT_EQ(left.max(), both.max());
  EXPECT_DOUBLE_EQ(left.mean(), both.mean());
  for (double q : kQuantiles) EXPECT_EQ(left.quantile(q), both.quantile(q)) << q;
}

TEST(LatencyDistribution, ExactModeGivesExactNearestRanksAndBothModesShareMeanAndMax) {
  const auto values = draw(9, 1, 4000);
  LatencyDistribution exact(PercentileMode::exact), histogram(PercentileMode::histogram);
  for (auto v : values) {
    exact.add(v);
    histogram.add(v);
  }
  const LatencyFigures e = exact.figures();
  const LatencyFigures h = histogram.figures();
  EXPECT_EQ(e.p50, percentile(values, 0.50));
  EXPECT_EQ(e.p95, percentile(values, 0.95));
  EXPECT_EQ(e.p99, percentile(values, 0.99));
  EXPECT_EQ(e.max, h.max);
  EXPECT_DOUBLE_EQ(e.mean, h.mean);
  EXPECT_EQ(e.count, h.count);
  EXPECT_NEAR(static_cast<double>(h.p99), static_cast<double>(e.p99),
              static_cast<double>(e.p99) * LatencyHistogram::kMaxRelativeError);
}

}  // namespace
}  // namespace routelab
