// Uniform and Zipf keys against their exact probabilities; temporal locality's reuse rate.
#include <gtest/gtest.h>

#include <cmath>
#include <deque>
#include <algorithm>
#include <vector>

#include "scenarios/workloads/temporal_locality.hpp"
#include "scenarios/workloads/uniform_keys.hpp"
#include "scenarios/workloads/zipf_keys.hpp"

namespace routelab {
namespace {

constexpr int kDraws = 100000;

// |observed - expected| within 5 binomial standard deviations: fails for a wrong law, not by chance.
void expect_frequency(std::int64_t count, double p, const std::string& what) {
  const double expected = p * kDraws;
  const double sigma = std::sqrt(kDraws * p * (1 - p));
  EXPECT_NEAR(static_cast<double>(count), expected, 5 * sigma + 1) << what;
}

TEST(ZipfKeys, ProbabilitiesFollowThePowerLaw) {
  const ZipfKeys zipf(1000, 1.0);
  double total = 0;
  for (std::uint64_t r = 0; r < 1000; ++r) total += zipf.probability(r);
  EXPECT_NEAR(total, 1.0, 1e-12);
  EXPECT_NEAR(zipf.probability(0) / zipf.probability(9), 10.0, 1e-9);  // (1/1) / (1/10)
  EXPECT_EQ(zipf.probability(1000), 0.0);
}

TEST(ZipfKeys, DrawsMatchTheProbabilitiesAcrossExponents) {
  for (double s : {0.6, 1.0, 1.4}) {
    ZipfKeys zipf(50257, s);
    RngEngine rng(42);
    std::vector<std::int64_t> counts(50257, 0);
    for (int i = 0; i < kDraws; ++i) {
      const auto key = zipf.draw(rng);
      ASSERT_LT(key, 50257u);
      ++counts[key];
    }
    for (std::uint64_t rank : {0, 1, 9, 99}) expect_frequency(counts[rank], zipf.probability(rank), "s=" + std::to_string(s));
  }
}

TEST(ZipfKeys, ExponentZeroIsUniform) {
  const ZipfKeys zipf(8, 0.0);
  for (std::uint64_t r = 0; r < 8; ++r) EXPECT_NEAR(zipf.probability(r), 0.125, 1e-12);
}

TEST(UniformKeys, EveryKeyEquallyLikely) {
  UniformKeys keys(10);
  RngEngine rng(7);
  std::vector<std::int64_t> counts(10, 0);
  for (int i = 0; i < kDraws; ++i) {
    const auto key = keys.draw(rng);
    ASSERT_LT(key, 10u);
    ++counts[key];
  }
  for (auto count : counts) expect_frequency(count, 0.1, "uniform");
}

TEST(TemporalLocality, ReusesRecentKeysAtTheRequestedRate) {
  // A vocabulary of 2^40 keys makes accidental repeats negligible: every repeat is a reuse.
  for (double reuse : {0.0, 0.3, 0.8}) {
    TemporalLocalityKeys keys(std::make_unique<UniformKeys>(std::uint64_t{1} << 40), reuse, 16);
    RngEngine rng(3);
    std::deque<std::uint64_t> recent;
    std::int64_t repeats = 0;
    for (int i = 0; i < kDraws; ++i) {
      const auto key = keys.draw(rng);
      if (std::find(recent.begin(), recent.end(), key) != recent.end()) ++repeats;
      recent.push_back(key);
      if (recent.size() > 16) recent.pop_front();
    }
    expect_frequency(repeats, reuse, "reuse=" + std::to_string(reuse));
  }
}

}  // namespace
}  // namespace routelab
