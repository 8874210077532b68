// The service model rounds sampled times with its own inline rounding instead of std::llround
// (a library call on the hot path). Every golden fingerprint depends on the two agreeing, so
// this checks them against each other where they could differ: halves, the doubles just either
// side of a half, tiny values and the top of the range, then many random samples.
#include <gtest/gtest.h>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>
#include <vector>

#include "core/rng_streams.hpp"
#include "engine/service_model.hpp"
#include "engine/tick_limits.hpp"

namespace routelab {
namespace {

void expect_same_as_llround(double x) {
  EXPECT_EQ(ServiceModel::round_half_up_nonnegative(x), std::llround(x)) << "x = " << x;
}

TEST(ServiceRounding, EqualsLlroundAtHalvesAndTheirNeighbours) {
  const auto top = static_cast<double>(kMaxServiceTicks);
  std::vector<double> points = {0.0, 5e-324, 0.25, 0.49999999999999994, 0.5, 1.0, 1.5, 2.5, top - 0.5, top};
  for (double whole : {0.0, 1.0, 2.0, 139.0, 140.0, 1e6, 4503599627.0, top - 1.0}) {
    const double half = whole + 0.5;
    points.push_back(half);
    points.push_back(std::nextafter(half, 0.0));
    points.push_back(std::nextafter(half, top));
    points.push_back(std::nextafter(whole + 1.0, 0.0));
  }
  for (double x : points) expect_same_as_llround(x);
}

TEST(ServiceRounding, EqualsLlroundOnRandomSamplesOfEveryScale) {
  RngEngine rng(20261204);
  for (int i = 0; i < 200000; ++i) {
    // Log-uniform over [2^-10, 2^40]: every binade of the range gets samples.
    const double exponent = boost::random::uniform_real_distribution<double>(-10.0, 40.0)(rng);
    expect_same_as_llround(std::exp2(exponent));
  }
}

TEST(ServiceRounding, SamplesStayWholeTicksOfTheCappedTime) {
  ServiceModel model;
  model.distribution = ServiceDistribution::exponential;
  model.mean_ticks = 140.0;
  RngEngine a(7), b(7);
  for (int i = 0; i < 10000; ++i) {
    const Tick ticks = model.sample(a, 1.0);
    const double raw = boost::random::exponential_distribution<double>(1.0 / 140.0)(b);
    ASSERT_EQ(ticks, std::llround(raw)) << "sample " << i;
  }
}

}  // namespace
}  // namespace routelab
