// Confidence intervals over replications: Student t quantiles, the interval of a known sample, and
// why pairing by common random numbers narrows a difference's interval.
#include <gtest/gtest.h>

#include <cmath>

#include "results/confidence_interval.hpp"

namespace routelab::results {
namespace {

TEST(ConfidenceInterval, StudentTQuantilesMatchTables) {
  EXPECT_NEAR(student_t_975(1), 12.7062, 1e-4);
  EXPECT_NEAR(student_t_975(4), 2.7764, 1e-4);
  EXPECT_NEAR(student_t_975(9), 2.2622, 1e-4);
  EXPECT_NEAR(student_t_975(1000), 1.9623, 1e-4);
}

TEST(ConfidenceInterval, IntervalOfAKnownSample) {
  const std::vector<double> values{1, 2, 3, 4, 5};
  const MeanInterval interval = mean_interval(values);
  EXPECT_EQ(interval.n, 5);
  EXPECT_DOUBLE_EQ(interval.mean, 3.0);
  // s = sqrt(2.5), standard error sqrt(2.5 / 5), t(0.975, 4) = 2.776445
  EXPECT_NEAR(interval.half_width, 2.776445 * std::sqrt(0.5), 1e-5);
  // One value has no interval: NaN, never a 0 that would read as certainty.
  EXPECT_TRUE(std::isnan(mean_interval(std::vector<double>{7}).half_width));
  EXPECT_EQ(mean_interval(std::vector<double>{}).n, 0);
}

TEST(ConfidenceInterval, PairingRemovesTheSharedNoise) {
  // Two "routers" on the same 6 replications: a large shared component, a constant difference.
  const std::vector<double> shared{10, 14, 9, 16, 12, 11};
  std::vector<double> a, b;
  for (double s : shared) {
    a.push_back(s + 0.5);
    b.push_back(s);
  }
  const MeanInterval difference = paired_difference(a, b);
  EXPECT_DOUBLE_EQ(difference.mean, 0.5);
  EXPECT_NEAR(difference.half_width, 0.0, 1e-12);
  EXPECT_GT(mean_interval(a).half_width, 2.0);  // unpaired, the shared noise dominates
  EXPECT_THROW(paired_difference(a, std::vector<double>{1}), std::invalid_argument);
}

}  // namespace
}  // namespace routelab::results
