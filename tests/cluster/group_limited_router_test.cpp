// Group-limited (node-limited) routing: whatever the inner router ranks, no token's experts come
// from more than M groups, the kept experts are the ranking's own in its order, and a ranking deep
// enough fills every slot.
#include <gtest/gtest.h>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include <set>

#include "cluster/group_limited_router.hpp"
#include "core/errors.hpp"

namespace routelab::cluster {
namespace {

// Ranks every expert for every token in a random order (a seeded Fisher-Yates with Boost.Random).
class ShuffledRanking : public Router {
 public:
  explicit ShuffledRanking(std::uint32_t seed, int depth) : rng_(seed), depth_(depth) {}
  void route(const RoutingRequest& request, std::span<ExpertId> out) override {
    last_.assign(out.size(), kNoExpert);
    for (std::size_t i = 0; i < request.batch.tokens.size(); ++i) {
      std::vector<ExpertId> order(request.num_experts);
      for (int e = 0; e < request.num_experts; ++e) order[e] = e;
      for (int e = request.num_experts - 1; e > 0; --e)
        std::swap(order[e], order[boost::random::uniform_int_distribution<int>(0, e)(rng_)]);
      for (int j = 0; j < request.depth; ++j) out[i * request.depth + j] = order[j];
    }
    last_.assign(out.begin(), out.end());
  }
  int max_depth(int k, int num_experts) const override { return std::min(std::max(k, depth_), num_experts); }
  std::vector<ExpertId> last_;

 private:
  boost::random::mt19937 rng_;
  int depth_;
};

TEST(GroupLimitedRouter, NeverMoreThanMGroupsAndKeepsTheRankingsOrder) {
  for (std::uint32_t seed = 1; seed <= 60; ++seed) {
    const int groups = 8;
    const int experts = 64;
    const int k = 1 + static_cast<int>(seed % 8);
    const int m = 1 + static_cast<int>(seed % 4);
    const int inner_depth = seed % 3 == 0 ? k : experts;  // a router with or without a long ranking
    auto owned = std::make_unique<ShuffledRanking>(seed, inner_depth);
    ShuffledRanking* inner = owned.get();
    GroupLimitedRouter router(std::move(owned), experts, groups, m);
    std::vector<Token> tokens(50);
    RoutingRequest request;
    request.batch.tokens = tokens;
    request.k = k;
    request.depth = k;
    request.num_experts = experts;
    std::vector<ExpertId> out(tokens.size() * k, kNoExpert);
    router.route(request, out);
    const int deep = router.max_depth(k, experts);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      // The oracle: the first m distinct groups of the ranking, its experts from them, in order.
      std::vector<int> admitted;
      std::vector<ExpertId> expected;
      for (int j = 0; j < deep; ++j) {
        const ExpertId e = inner->last_[i * deep + j];
        const int g = e / (experts / groups);
        const bool known = std::find(admitted.begin(), admitted.end(), g) != admitted.end();
        if (!known && static_cast<int>(admitted.size()) == m) continue;
        if (!known) admitted.push_back(g);
        if (static_cast<int>(expected.size()) < k) expected.push_back(e);
      }
      expected.resize(k, kNoExpert);
      const std::vector<ExpertId> row(out.begin() + static_cast<long>(i * k), out.begin() + static_cast<long>((i + 1) * k));
      EXPECT_EQ(row, expected) << "seed " << seed << " token " << i;
      std::set<int> used;
      for (const ExpertId e : row)
        if (e >= 0) used.insert(router.group_of(e));
      EXPECT_LE(static_cast<int>(used.size()), m) << "seed " << seed;
      if (inner_depth == experts) {
        EXPECT_EQ(std::count(row.begin(), row.end(), kNoExpert), 0) << "seed " << seed;
      }
    }
  }
}

TEST(GroupLimitedRouter, BadLimitsAreConfigErrors) {
  EXPECT_THROW(GroupLimitedRouter(std::make_unique<ShuffledRanking>(1, 8), 64, 8, 0), ConfigError);
  EXPECT_THROW(GroupLimitedRouter(std::make_unique<ShuffledRanking>(1, 8), 64, 8, 9), ConfigError);
  EXPECT_THROW(GroupLimitedRouter(std::make_unique<ShuffledRanking>(1, 8), 60, 8, 2), ConfigError);
}

}  // namespace
}  // namespace routelab::cluster
