// round_robin: token n of the stream gets (offset + n k + c) mod E, the offset being seed mod E,
// continuing across batches; fallback columns continue the same rotation.
#include <gtest/gtest.h>

#include "tests/support/router_harness.hpp"

namespace routelab {
namespace {

using testing::distinct_tokens;
using testing::route_batch;
using testing::RouteCall;

TEST(RoundRobinRouter, RotatesThroughExpertsAcrossBatches) {
  constexpr int kExperts = 5;
  constexpr int kK = 2;
  constexpr std::uint64_t kSeed = 13;  // offset 13 mod 5 = 3
  auto router = testing::make_router("round_robin", kSeed, kExperts, kK);
  const int depth = router->max_depth(kK, kExperts);
  ASSERT_EQ(depth, 4);
  std::uint64_t n = 0;  // token index in the stream
  for (std::size_t batch_size : {3u, 1u, 7u}) {
    // Loads are ignored: a heavily loaded expert still gets its turn.
    const RouteCall call(kExperts, kK, depth, {100, 0, 0, 0, 0});
    const auto table = route_batch(*router, distinct_tokens(batch_size, n), call);
    for (std::size_t i = 0; i < batch_size; ++i, ++n)
      for (int c = 0; c < depth; ++c)
        ASSERT_EQ(table[i * depth + c], static_cast<ExpertId>((3 + n * kK + c) % kExperts)) << "token " << n;
  }
}

TEST(RoundRobinRouter, SpreadsAStreamExactlyEvenly) {
  auto router = testing::make_router("round_robin", 0, 8, 3);
  const auto table = route_batch(*router, distinct_tokens(8 * 5), RouteCall{8, 3});
  EXPECT_EQ(testing::loads_of(table, 3, 3, 8), std::vector<std::int64_t>(8, 15));
}

TEST(RoundRobinRouter, IgnoresTokenContent) {
  auto a = testing::make_router("round_robin", 4, 8, 2);
  auto b = testing::make_router("round_robin", 4, 8, 2);
  const auto same_keys = testing::tokens_with_keys(std::vector<std::uint64_t>(10, 99));
  EXPECT_EQ(route_batch(*a, same_keys, RouteCall{8, 2}), route_batch(*b, distinct_tokens(10), RouteCall{8, 2}));
}

}  // namespace
}  // namespace routelab
