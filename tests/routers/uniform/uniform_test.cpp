// uniform: k distinct experts uniformly at random per token, from the router's own seeded stream;
// content and load play no part.
#include <gtest/gtest.h>

#include "tests/support/router_harness.hpp"

namespace routelab {
namespace {

using testing::distinct_tokens;
using testing::route_batch;
using testing::RouteCall;

TEST(UniformRouter, EveryExpertAndEveryPairEquallyLikely) {
  // E = 6, k = 2, 60,000 tokens: each expert expects 20,000 picks (sd ~ 115) and each of the 15
  // unordered pairs 4,000 (sd ~ 61). 5% bounds are more than 6 standard deviations.
  constexpr int kExperts = 6;
  auto router = testing::make_router("uniform", 77, kExperts, 2);
  const auto table = route_batch(*router, distinct_tokens(60000), RouteCall{kExperts, 2});
  std::vector<std::int64_t> picks(kExperts, 0);
  std::vector<std::int64_t> pairs(kExperts * kExperts, 0);
  for (std::size_t i = 0; i < 60000; ++i) {
    const ExpertId a = table[2 * i];
    const ExpertId b = table[2 * i + 1];
    ++picks[a];
    ++picks[b];
    ++pairs[std::min(a, b) * kExperts + std::max(a, b)];
  }
  for (int e = 0; e < kExperts; ++e) EXPECT_NEAR(static_cast<double>(picks[e]), 20000, 1000) << e;
  for (int a = 0; a < kExperts; ++a)
    for (int b = a + 1; b < kExperts; ++b) EXPECT_NEAR(static_cast<double>(pairs[a * kExperts + b]), 4000, 200) << a << "," << b;
}

TEST(UniformRouter, IgnoresKeysAndLoads) {
  auto a = testing::make_router("uniform", 5, 32, 4);
  auto b = testing::make_router("uniform", 5, 32, 4);
  std::vector<std::int64_t> load(32, 0);
  load[3] = 1000000;
  EXPECT_EQ(route_batch(*a, distinct_tokens(300), RouteCall{32, 4}),
            route_batch(*b, testing::tokens_with_keys(std::vector<std::uint64_t>(300, 1)), RouteCall{32, 4, 4, load}));
}

TEST(UniformRouter, KEqualsEIsAPermutation) {
  auto router = testing::make_router("uniform", 8, 8, 8);
  const auto table = route_batch(*router, distinct_tokens(50), RouteCall{8, 8});
  bool some_order_differs = false;
  for (std::size_t i = 0; i < 50; ++i) {
    std::vector<ExpertId> row(table.begin() + static_cast<std::ptrdiff_t>(8 * i),
                              table.begin() + static_cast<std::ptrdiff_t>(8 * i + 8));
    some_order_differs = some_order_differs || !std::is_sorted(row.begin(), row.end());
    std::sort(row.begin(), row.end());
    EXPECT_EQ(row, (std::vector<ExpertId>{0, 1, 2, 3, 4, 5, 6, 7}));
  }
  EXPECT_TRUE(some_order_differs);
}

}  // namespace
}  // namespace routelab
