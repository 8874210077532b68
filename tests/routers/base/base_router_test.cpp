// base (BASE layers): every expert gets floor(B k / E) or one more assignments, exactly B k mod E of
// them one more, and the total affinity is the largest any such assignment reaches (brute force
// over every assignment of small batches, hot keys included).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <functional>
#include <numeric>

#include "routers/base/balanced_assignment.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"
#include "tests/support/router_harness.hpp"

namespace routelab {
namespace {

using testing::loads_of;
using testing::route_batch;
using testing::RouteCall;
using testing::tokens_with_keys;

// Affinities of `tokens` tokens drawn from `rows` distinct rows (repeated rows = repeated keys).
std::vector<double> random_affinity(RngEngine& rng, std::size_t tokens, int experts, std::size_t rows) {
  std::vector<double> distinct(rows * static_cast<std::size_t>(experts));
  for (auto& a : distinct) a = boost::random::uniform_real_distribution<double>(-1, 1)(rng);
  std::vector<double> affinity;
  for (std::size_t t = 0; t < tokens; ++t) {
    const auto r = boost::random::uniform_int_distribution<std::size_t>(0, rows - 1)(rng);
    affinity.insert(affinity.end(), distinct.begin() + static_cast<std::ptrdiff_t>(r * static_cast<std::size_t>(experts)),
                    distinct.begin() + static_cast<std::ptrdiff_t>((r + 1) * static_cast<std::size_t>(experts)));
  }
  return affinity;
}

bool balanced(const std::vector<std::int64_t>& loads, std::size_t tokens, int experts, int k) {
  const ExpertShare share = expert_share(tokens, experts, k);
  const auto above = std::count(loads.begin(), loads.end(), share.base + 1);
  const auto at = std::count(loads.begin(), loads.end(), share.base);
  return above == share.extra && at + above == experts;
}

// The best total affinity over every assignment of k distinct experts per token that is balanced.
double brute_force_best(const std::vector<double>& affinity, std::size_t tokens, int experts, int k) {
  std::vector<std::uint32_t> subsets;  // bit masks with k bits
  for (std::uint32_t m = 0; m < (1u << experts); ++m)
    if (std::popcount(m) == k) subsets.push_back(m);
  std::vector<std::int64_t> loads(static_cast<std::size_t>(experts), 0);
  double best = -1e300;
  std::function<void(std::size_t, double)> walk = [&](std::size_t t, double total) {
    if (t == tokens) {
      if (balanced(loads, tokens, experts, k)) best = std::max(best, total);
      return;
    }
    for (const std::uint32_t m : subsets) {
      double add = 0;
      for (int e = 0; e < experts; ++e)
        if ((m >> e) & 1u) {
          ++loads[static_cast<std::size_t>(e)];
          add += affinity[t * static_cast<std::size_t>(experts) + static_cast<std::size_t>(e)];
        }
      walk(t + 1, total + add);
      for (int e = 0; e < experts; ++e)
        if ((m >> e) & 1u) --loads[static_cast<std::size_t>(e)];
    }
  };
  walk(0, 0.0);
  return best;
}

TEST(BalancedAssignment, MatchesBruteForceOnSmallBatches) {
  struct Shape {
    std::size_t tokens;
    int experts, k;
  };
  int checked = 0;
  for (const Shape shape : {Shape{1, 3, 1}, Shape{4, 3, 1}, Shape{5, 4, 2}, Shape{6, 3, 2}, Shape{7, 4, 1},
                            Shape{4, 5, 3}, Shape{3, 4, 4}}) {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
      RngEngine rng(seed);
      for (const std::size_t rows : {std::size_t{1}, std::size_t{2}, shape.tokens}) {
        const auto affinity = random_affinity(rng, shape.tokens, shape.experts, rows);
        const BalancedAssignment got = balanced_assignment(affinity, shape.tokens, shape.experts, shape.k);
        const auto loads = loads_of(got.table, shape.k, shape.k, shape.experts);
        ASSERT_TRUE(balanced(loads, shape.tokens, shape.experts, shape.k))
            << "B=" << shape.tokens << " E=" << shape.experts << " k=" << shape.k << " seed " << seed;
        for (std::size_t t = 0; t < shape.tokens; ++t) {
          std::vector<ExpertId> row(got.table.begin() + static_cast<std::ptrdiff_t>(t * static_cast<std::size_t>(shape.k)),
                                    got.table.begin() + static_cast<std::ptrdiff_t>((t + 1) * static_cast<std::size_t>(shape.k)));
          std::sort(row.begin(), row.end());
          ASSERT_EQ(std::adjacent_find(row.begin(), row.end()), row.end()) << "an expert twice for one token";
          ASSERT_GE(row.front(), 0);
        }
        // Costs are quantized to 2^-30 of the affinity range (2 here) per assignment.
        const double tolerance = 4e-9 * static_cast<double>(shape.tokens * static_cast<std::size_t>(shape.k));
        EXPECT_NEAR(got.total_affinity, brute_force_best(affinity, shape.tokens, shape.experts, shape.k), tolerance)
            << "B=" << shape.tokens << " E=" << shape.experts << " k=" << shape.k << " seed " << seed << " rows " << rows;
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 7 * 12 * 3);
}

// Large batches: exact balance, and the certificate loop really adds arcs when the best few experts
// of every token are the same ones (correlated affinities, as a trained gate's are).
TEST(BalancedAssignment, BalancedOnLargeCorrelatedBatches) {
  for (std::uint64_t seed = 1; seed <= 2; ++seed) {
    RngEngine rng(seed);
    const std::size_t tokens = 300;
    const int experts = 32, k = 2;
    std::vector<double> affinity(tokens * experts);
    for (std::size_t t = 0; t < tokens; ++t)
      for (int e = 0; e < experts; ++e)
        affinity[t * experts + static_cast<std::size_t>(e)] =
            -0.1 * e + boost::random::uniform_real_distribution<double>(0, 0.05)(rng);  // expert 0 best for all
    const BalancedAssignment got = balanced_assignment(affinity, tokens, experts, k);
    EXPECT_TRUE(balanced(loads_of(got.table, k, k, experts), tokens, experts, k));
    EXPECT_GT(got.solves, 1) << "every token's favourites coincide: the first network cannot certify";
  }
}

TEST(BaseRouter, EveryBatchOfTheDefaultScenarioIsExactlyBalanced) {
  auto router = testing::make_router("base", 5, 64, 2);
  RngEngine rng(3);
  for (const std::size_t batch : {std::size_t{1}, std::size_t{63}, std::size_t{512}}) {
    std::vector<std::uint64_t> keys(batch);
    for (auto& key : keys) key = boost::random::uniform_int_distribution<std::uint64_t>(0, 40)(rng);  // hot keys
    const auto loads = loads_of(route_batch(*router, tokens_with_keys(keys), RouteCall(64, 2)), 2, 2, 64);
    EXPECT_TRUE(balanced(loads, batch, 64, 2)) << "B=" << batch;
  }
  // Through the engine: no expert ever above its share, so with capacity factor 1.25 nothing drops.
  ScenarioSpec scenario = load_builtin_scenario(kDefaultScenario);
  scenario.workload.total_tokens = 8192;
  const RunResult result = run_scenario(scenario, RouterSpec{"base", {}}, 0, builtin_router_registry());
  EXPECT_EQ(result.summary.assignments_dropped, 0);
  EXPECT_EQ(result.summary.assignments, 8192 * 2);
}

}  // namespace
}  // namespace routelab
