// greedy: each token takes the k least-loaded experts, load = outstanding now + this batch's
// assignments so far, ties to the lowest id; the next-least-loaded follow as fallbacks.
#include <gtest/gtest.h>

#include "tests/support/router_harness.hpp"

namespace routelab {
namespace {

using testing::distinct_tokens;
using testing::route_batch;
using testing::RouteCall;

TEST(GreedyRouter, LeastLoadedWithLowestIdOnTies) {
  // Loads {3, 1, 1, 2}: token 0 -> 1 (tie with 2, lower id), loads {3, 2, 1, 2}; token 1 -> 2,
  // loads {3, 2, 2, 2}; token 2 -> 1 (tie 1, 2, 3); loads {3, 3, 2, 2}; token 3 -> 2.
  auto router = testing::make_router("greedy", 0, 4, 1);
  const auto table = route_batch(*router, distinct_tokens(4), RouteCall{4, 1, 1, {3, 1, 1, 2}});
  EXPECT_EQ(table, (std::vector<ExpertId>{1, 2, 1, 2}));
}

TEST(GreedyRouter, KSlotsTakeTheKLeastLoadedAndFallbacksTheNext) {
  // Loads {0, 5, 0, 2, 9}, k = 2, depth 4: token 0 takes {0, 2} and ranks 3 then 1 as fallbacks;
  // fallbacks add no load. Loads {1, 5, 1, 2, 9}: token 1 takes {0, 2} again (1 < 2), ranks 3, 1.
  // Loads {2, 5, 2, 2, 9}: token 2 takes {0, 2} (ties to lower ids), ranks 3, 1.
  auto router = testing::make_router("greedy", 0, 5, 2);
  ASSERT_EQ(router->max_depth(2, 5), 4);
  const auto table = route_batch(*router, distinct_tokens(3), RouteCall{5, 2, 4, {0, 5, 0, 2, 9}});
  EXPECT_EQ(table, (std::vector<ExpertId>{0, 2, 3, 1, /**/ 0, 2, 3, 1, /**/ 0, 2, 3, 1}));
}

TEST(GreedyRouter, SeesOnlyTheLoadsOfThisBatch) {
  // No memory between calls: the engine's outstanding counts are the only history.
  auto router = testing::make_router("greedy", 0, 3, 1);
  route_batch(*router, distinct_tokens(5), RouteCall{3, 1});
  EXPECT_EQ(route_batch(*router, distinct_tokens(1), RouteCall{3, 1, 1, {4, 4, 3}}), (std::vector<ExpertId>{2}));
  EXPECT_EQ(route_batch(*router, distinct_tokens(1), RouteCall{3, 1}), (std::vector<ExpertId>{0}));
}

TEST(GreedyRouter, UnitTokensFillToExactlyCeilingOfMOverN) {
  // Join-the-shortest-queue with unit tokens: max load ceil(m / n), min load floor(m / n).
  for (const auto& [bins, balls] : {std::pair{1024, 1024}, std::pair{1024, 1000}, std::pair{64, 3001},
                                   std::pair{7, 100}}) {
    auto router = testing::make_router("greedy", 0, bins, 1);
    const auto loads = testing::loads_of(route_batch(*router, distinct_tokens(balls), RouteCall{bins, 1}), 1, 1, bins);
    EXPECT_EQ(*std::max_element(loads.begin(), loads.end()), (balls + bins - 1) / bins) << bins << " " << balls;
    EXPECT_EQ(*std::min_element(loads.begin(), loads.end()), balls / bins) << bins << " " << balls;
  }
}

}  // namespace
}  // namespace routelab
