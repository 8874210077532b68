// expert_choice (Zhou et al. 2022): every expert takes exactly c tokens, its c best by affinity;
// tokens get 0..E experts, and the ones no expert took are counted (and routed nowhere).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <set>

#include "routers/expert_choice/expert_choice_router.hpp"
#include "tests/support/router_harness.hpp"

namespace routelab {
namespace {

using testing::route_batch;
using testing::RouteCall;
using testing::tokens_with_keys;

TEST(ExpertChoice, EveryExpertTakesExactlyItsCBestTokens) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    RngEngine rng(seed);
    const auto tokens = boost::random::uniform_int_distribution<std::size_t>(1, 300)(rng);
    const int experts = boost::random::uniform_int_distribution<int>(1, 40)(rng);
    const int k = boost::random::uniform_int_distribution<int>(1, 4)(rng);
    std::vector<double> affinity(tokens * static_cast<std::size_t>(experts));
    for (auto& a : affinity) a = boost::random::uniform_int_distribution<int>(0, 50)(rng) / 50.0;  // many ties
    const std::size_t c = expert_choice_capacity(1.0, tokens, k, experts);
    const auto chosen = expert_choices(affinity, tokens, experts, c);
    ASSERT_EQ(chosen.size(), static_cast<std::size_t>(experts));
    for (int e = 0; e < experts; ++e) {
      const auto& mine = chosen[static_cast<std::size_t>(e)];
      ASSERT_EQ(mine.size(), c) << "expert " << e << " seed " << seed;
      const std::set<std::size_t> distinct(mine.begin(), mine.end());
      ASSERT_EQ(distinct.size(), c);
      // Its c best: no token left out scores higher than the weakest one taken.
      double weakest = 1e300;
      for (const auto t : mine) weakest = std::min(weakest, affinity[t * static_cast<std::size_t>(experts) + static_cast<std::size_t>(e)]);
      for (std::size_t t = 0; t < tokens; ++t)
        if (!distinct.count(t)) {
          ASSERT_LE(affinity[t * static_cast<std::size_t>(experts) + static_cast<std::size_t>(e)], weakest);
        }
    }
  }
}

TEST(ExpertChoice, CapacityIsTheMeanShareRoundedUp) {
  EXPECT_EQ(expert_choice_capacity(1.0, 512, 2, 64), 16u);
  EXPECT_EQ(expert_choice_capacity(1.0, 37, 2, 8), 10u);   // ceil(9.25)
  EXPECT_EQ(expert_choice_capacity(2.0, 5, 4, 2), 5u);     // at most every token
  EXPECT_EQ(expert_choice_capacity(0.5, 512, 2, 64), 8u);
}

TEST(ExpertChoiceRouter, WritesWhatTheExpertsChoseAndCountsTheUntakenTokens) {
  RouterConfig config;
  config.name = "expert_choice";
  config.seed = 4;
  config.num_experts = 16;
  config.k = 2;
  ExpertChoiceRouter router(config);
  RngEngine rng(8);
  std::vector<std::uint64_t> keys(256);
  for (auto& key : keys) key = boost::random::uniform_int_distribution<std::uint64_t>(0, 30)(rng);  // hot keys
  const auto table = route_batch(router, tokens_with_keys(keys), RouteCall(16, 2, 16));
  // Every expert appears exactly c = 32 times over all columns (the choices), and untaken rows are empty.
  std::vector<int> appearances(16, 0);
  std::size_t empty_rows = 0, beyond = 0;
  for (std::size_t t = 0; t < keys.size(); ++t) {
    int in_row = 0;
    for (int c = 0; c < 16; ++c) {
      const ExpertId e = table[t * 16 + static_cast<std::size_t>(c)];
      if (e == kNoExpert) continue;
      ++appearances[static_cast<std::size_t>(e)];
      ++in_row;
    }
    if (in_row == 0) ++empty_rows;
    if (in_row > 2) beyond += static_cast<std::size_t>(in_row - 2);
  }
  for (int e = 0; e < 16; ++e) EXPECT_EQ(appearances[static_cast<std::size_t>(e)], 32) << "expert " << e;
  EXPECT_EQ(router.untaken_tokens(), empty_rows);
  EXPECT_EQ(router.choices_beyond_k(), beyond);
  EXPECT_GT(empty_rows, 0u) << "hot keys: identical tokens are chosen together, so others are left out";
}

}  // namespace
}  // namespace routelab
