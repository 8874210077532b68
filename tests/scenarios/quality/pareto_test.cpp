// The Pareto front on (mean expert loss, load max/mean) and the identical-token floor.
#include "scenarios/quality/pareto.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "scenarios/quality/mixture_token_source.hpp"
#include "scenarios/quality/stream_profile.hpp"

namespace routelab {
namespace {

TEST(ParetoFront, KeepsExactlyTheUndominatedPoints) {
  const std::vector<TradeoffPoint> points{
      {"hash", 1.9, 2.6},        // dominated by uniform (worse loss, worse balance)
      {"uniform", 1.9, 1.3},     // dominated by phase (same loss, better balance)
      {"phase", 1.9, 1.25},      // best balance
      {"softmax", 0.2, 7.4},     // best quality
      {"learned", 0.9, 1.25},    // same balance as phase, better quality: dominates phase
      {"signature", 0.3, 5.6},   // between softmax and learned: undominated
      {"twin", 0.9, 1.25},       // equal to learned: neither dominates the other
  };
  const std::vector<std::size_t> front = pareto_front(points);
  EXPECT_EQ(front, (std::vector<std::size_t>{3, 4, 5, 6}));
}

TEST(ParetoFront, EmptyAndSingle) {
  EXPECT_TRUE(pareto_front({}).empty());
  const std::vector<TradeoffPoint> one{{"a", 1, 1}};
  EXPECT_EQ(pareto_front(one), (std::vector<std::size_t>{0}));
}

TEST(StreamProfile, CountsTheCommonestKeyAndItsFloor) {
  // The mixture source keys tokens by class: the commonest key is class 0 (Zipf(1) over 4 classes:
  // share 12/25 = 0.48 in expectation).
  const MixtureSpec spec{4, 4, 1.0, 1.0, 0.5};
  const SemanticSpace space = make_mixture_space(spec, 1);
  MixtureTokenSource source(spec, space, 100, 20000, 1, 0);
  const StreamProfile profile = profile_stream(source);
  EXPECT_EQ(profile.tokens, 20000);
  EXPECT_EQ(profile.distinct_keys, 4);
  EXPECT_EQ(profile.hottest_key, 0U);
  EXPECT_NEAR(profile.hottest_key_share, 0.48, 0.015);
  EXPECT_NEAR(profile.identical_token_floor(16, 1), 16 * profile.hottest_key_share, 1e-12);
  EXPECT_NEAR(profile.identical_token_floor(16, 2), 8 * profile.hottest_key_share, 1e-12);
}

}  // namespace
}  // namespace routelab
