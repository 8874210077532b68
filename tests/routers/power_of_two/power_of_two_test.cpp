// power_of_two: each slot draws two hashed candidates and takes the less loaded one (load =
// outstanding + this batch's assignments so far); the loser is the slot's fallback.
#include <gtest/gtest.h>

#include <set>

#include "tests/support/router_harness.hpp"

namespace routelab {
namespace {

using testing::distinct_tokens;
using testing::route_batch;
using testing::RouteCall;

TEST(PowerOfTwoRouter, WinnerIsNeverMoreLoadedThanItsLoser) {
  // k = 1, depth 2: the two columns are exactly the two candidates, winner first. Replaying the
  // loads token by token, the winner must be the less loaded of the two at that moment.
  constexpr int kExperts = 64;
  auto router = testing::make_router("power_of_two", 9, kExperts, 1);
  ASSERT_EQ(router->max_depth(1, kExperts), 2);
  std::vector<std::int64_t> load(kExperts);
  for (int e = 0; e < kExperts; ++e) load[e] = (e % 4) * 3;  // uneven start
  const auto table = route_batch(*router, distinct_tokens(5000), RouteCall{kExperts, 1, 2, load});
  int strictly_better = 0;
  for (std::size_t i = 0; i < 5000; ++i) {
    const ExpertId winner = table[2 * i];
    const ExpertId loser = table[2 * i + 1];
    ASSERT_NE(winner, loser);
    ASSERT_NE(loser, kNoExpert);
    ASSERT_LE(load[winner], load[loser]) << "token " << i;
    strictly_better += load[winner] < load[loser];
    ++load[winner];
  }
  EXPECT_GT(strictly_better, 1000);  // the comparison really decided something
}

TEST(PowerOfTwoRouter, TwoExpertsStayWithinOneOfEachOther) {
  // With E = 2 the candidates are always {0, 1}: every token joins the shorter side.
  auto router = testing::make_router("power_of_two", 1, 2, 1);
  const auto table = route_batch(*router, distinct_tokens(101), RouteCall{2, 1, 1, {7, 0}});
  std::vector<std::int64_t> load{7, 0};
  for (const ExpertId e : table) {
    ASSERT_LE(load[e], load[1 - e]);
    ++load[e];
  }
  EXPECT_EQ(load, (std::vector<std::int64_t>{54, 54}));
}

TEST(PowerOfTwoRouter, AvoidsAnOverloadedExpertWhenItHasAChoice) {
  // E = 3: any two distinct candidates include at least one idle expert, so expert 0 (load 1000)
  // is never chosen while the others stay below it.
  auto router = testing::make_router("power_of_two", 4, 3, 1);
  const auto table = route_batch(*router, distinct_tokens(300), RouteCall{3, 1, 1, {1000, 0, 0}});
  EXPECT_EQ(std::count(table.begin(), table.end(), 0), 0);
}

TEST(PowerOfTwoRouter, CandidatePairsFollowTheKeyNotTheLoads) {
  // k = 2, E = 16, depth 4: slot c's candidates are {row[c], row[k + c]} whichever wins. Those
  // pairs depend on the key alone; the loads only decide the order inside each pair.
  constexpr int kExperts = 16;
  auto pairs_of = [](const std::vector<ExpertId>& row) {
    return std::vector<std::set<ExpertId>>{{row[0], row[2]}, {row[1], row[3]}};
  };
  auto router = testing::make_router("power_of_two", 4, kExperts, 2);
  for (std::uint64_t key : {3u, 8u, 1234567u}) {
    const auto idle = route_batch(*router, testing::tokens_with_keys({key}), RouteCall{kExperts, 2, 4});
    // Load the two slot winners heavily: the other candidate of each pair must win instead.
    std::vector<std::int64_t> load(kExperts, 0);
    load[idle[0]] = 50;
    load[idle[1]] = 50;
    const auto busy = route_batch(*router, testing::tokens_with_keys({key}), RouteCall{kExperts, 2, 4, load});
    EXPECT_EQ(pairs_of(idle), pairs_of(busy)) << key;
    EXPECT_EQ(busy[0], idle[2]) << key;
    EXPECT_EQ(busy[1], idle[3]) << key;
  }
}

}  // namespace
}  // namespace routelab
