// Degree patterns against the phase router: each has the structure it promises.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/errors.hpp"
#include "scenarios/adversaries/degree_patterns.hpp"

namespace routelab {
namespace {

std::vector<int> pattern(DegreePattern p, int rows, int ring, int max_degree, int period = 0) {
  RngEngine rng(3);
  return make_degree_pattern(DegreePatternSpec{p, rows, ring, max_degree, period}, rng);
}

TEST(DegreePatterns, PhaseOffsetsArePrefixSumsModuloTheRing) {
  EXPECT_EQ(phase_offsets(std::vector<int>{3, 4, 5, 1}, 8), (std::vector<int>{0, 3, 7, 4}));
}

TEST(DegreePatterns, SortedAndAlternating) {
  const auto up = pattern(DegreePattern::sorted_ascending, 100, 64, 16);
  EXPECT_TRUE(std::is_sorted(up.begin(), up.end()));
  EXPECT_GE(up.front(), 1);
  EXPECT_LE(up.back(), 16);
  const auto down = pattern(DegreePattern::sorted_descending, 100, 64, 16);
  EXPECT_TRUE(std::is_sorted(down.rbegin(), down.rend()));
  // Same multiset as the published generator's draws with the same seed.
  auto random = pattern(DegreePattern::uniform_random, 100, 64, 16);
  std::sort(random.begin(), random.end());
  EXPECT_EQ(random, up);
  EXPECT_EQ(pattern(DegreePattern::alternating_extremes, 5, 64, 16), (std::vector<int>{1, 16, 1, 16, 1}));
}

TEST(DegreePatterns, PeriodicOffsetsRepeatWithThePeriod) {
  const int ring = 96;
  for (int period : {2, 3, 8, 12}) {
    const auto degrees = pattern(DegreePattern::periodic, 240, ring, 48, period);
    const auto offsets = phase_offsets(degrees, ring);
    for (std::size_t i = static_cast<std::size_t>(period); i < offsets.size(); ++i)
      ASSERT_EQ(offsets[i], offsets[i - static_cast<std::size_t>(period)]);
    EXPECT_EQ(distinct_arcs(degrees, ring), period);  // 240 rows share `period` arcs
  }
  // Random degrees give (almost) every row its own arc.
  EXPECT_GT(distinct_arcs(pattern(DegreePattern::uniform_random, 240, ring, 48), ring), 80);
}

TEST(DegreePatterns, IdenticalRowsShareOneDegree) {
  const auto degrees = pattern(DegreePattern::identical_rows, 50, 64, 24);
  EXPECT_EQ(std::count(degrees.begin(), degrees.end(), 24), 50);
  EXPECT_EQ(distinct_arcs(degrees, 64), 8);  // 24 * i mod 64 cycles through 8 offsets
}

TEST(DegreePatterns, ImpossibleSpecsAreErrors) {
  RngEngine rng(1);
  EXPECT_THROW(make_degree_pattern({DegreePattern::periodic, 10, 64, 64, 5}, rng), ConfigError);  // 5 does not divide 64
  EXPECT_THROW(make_degree_pattern({DegreePattern::periodic, 10, 64, 8, 4}, rng), ConfigError);   // 64 / 4 > 8
  EXPECT_THROW(make_degree_pattern({DegreePattern::identical_rows, 10, 64, 65, 0}, rng), ConfigError);
  EXPECT_EQ(parse_degree_pattern("periodic"), DegreePattern::periodic);
  EXPECT_THROW(parse_degree_pattern("spiral"), ConfigError);
}

}  // namespace
}  // namespace routelab
