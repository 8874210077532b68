// group_limited (DeepSeek-V2/V3 device/node-limited routing): a token's experts never span more than
// M groups, and with M = G it is exactly the inner router's top-k.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/random/uniform_int_distribution.hpp>
#include <set>

#include "routers/group_limited/group_limited_router.hpp"
#include "routers/router_registry.hpp"
#include "tests/support/router_harness.hpp"

namespace routelab {
namespace {

using testing::route_batch;
using testing::RouteCall;
using testing::tokens_with_keys;

RouterConfig group_config(std::uint64_t seed, int experts, int k, int groups, int max_groups, const std::string& inner,
                          const std::string& score) {
  RouterConfig config;
  config.name = "group_limited";
  config.seed = seed;
  config.num_experts = experts;
  config.k = k;
  config.params.set("groups", std::to_string(groups));
  config.params.set("max_groups", std::to_string(max_groups));
  config.params.set("inner", inner);
  config.params.set("group_score", score);
  return config;
}

TEST(GroupLimitedRouter, ATokensExpertsNeverSpanMoreThanMGroups) {
  struct Shape {
    int experts, k, groups, max_groups;
  };
  int tokens_checked = 0;
  for (const Shape shape : {Shape{64, 8, 8, 4}, Shape{64, 6, 8, 1}, Shape{16, 2, 4, 1}, Shape{30, 4, 7, 2}, Shape{8, 2, 8, 2}}) {
    for (const std::string inner : {"aux_free_bias", "sinkhorn"}) {
      for (const std::string score : {"top2_sum", "max"}) {
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
          const RouterConfig config = group_config(seed, shape.experts, shape.k, shape.groups, shape.max_groups, inner, score);
          auto router = builtin_router_registry().create(config);
          const GroupLimitedRouter probe(config);  // for group_of
          RngEngine rng(seed);
          for (int b = 0; b < 4; ++b) {
            std::vector<std::uint64_t> keys(200);
            for (auto& key : keys) key = boost::random::uniform_int_distribution<std::uint64_t>(0, 500)(rng);
            const auto depth = shape.experts;
            const auto table = route_batch(*router, tokens_with_keys(keys), RouteCall(shape.experts, shape.k, depth));
            for (std::size_t t = 0; t < keys.size(); ++t) {
              std::set<int> groups;
              int filled = 0;
              for (int c = 0; c < depth; ++c) {  // assignments and fallbacks alike
                const ExpertId e = table[t * static_cast<std::size_t>(depth) + static_cast<std::size_t>(c)];
                if (e == kNoExpert) continue;
                groups.insert(probe.group_of(e));
                filled += c < shape.k ? 1 : 0;
              }
              ASSERT_LE(static_cast<int>(groups.size()), shape.max_groups)
                  << inner << "/" << score << " E=" << shape.experts << " G=" << shape.groups << " token " << t;
              ASSERT_EQ(filled, shape.k) << "every token still gets k experts";
              ++tokens_checked;
            }
            router->observe(std::vector<std::int64_t>(static_cast<std::size_t>(shape.experts), 0));
          }
        }
      }
    }
  }
  EXPECT_EQ(tokens_checked, 5 * 2 * 2 * 3 * 4 * 200);
}

TEST(GroupLimitedRouter, WithEveryGroupAllowedItIsTheInnerRoutersTopK) {
  RouterConfig inner;
  inner.name = "sinkhorn";
  inner.seed = 7;
  inner.num_experts = 32;
  inner.k = 4;
  auto plain = builtin_router_registry().create(inner);
  auto limited = builtin_router_registry().create(group_config(7, 32, 4, 8, 8, "sinkhorn", "top2_sum"));
  std::vector<std::uint64_t> keys(300);
  for (std::size_t i = 0; i < keys.size(); ++i) keys[i] = i * 7919 % 1000;
  EXPECT_EQ(route_batch(*limited, tokens_with_keys(keys), RouteCall(32, 4)),
            route_batch(*plain, tokens_with_keys(keys), RouteCall(32, 4)));
}

}  // namespace
}  // namespace routelab
