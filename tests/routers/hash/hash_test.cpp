// hash: a token's experts depend on its key (and the seed) only: never on its position, its batch,
// the loads, or the other tokens. Distinct keys spread like uniform random choices.
#include <gtest/gtest.h>

#include <map>

#include "engine/metrics.hpp"
#include "tests/support/router_harness.hpp"

namespace routelab {
namespace {

using testing::distinct_tokens;
using testing::route_batch;
using testing::RouteCall;
using testing::tokens_with_keys;

constexpr int kExperts = 64;
constexpr int kK = 4;

std::vector<ExpertId> row(const std::vector<ExpertId>& table, std::size_t i, int depth) {
  return {table.begin() + static_cast<std::ptrdiff_t>(i * depth), table.begin() + static_cast<std::ptrdiff_t>((i + 1) * depth)};
}

TEST(HashRouter, SameKeySameExpertsWhereverAndWheneverItAppears) {
  auto router = testing::make_router("hash", 2024, kExperts, kK);
  const int depth = router->max_depth(kK, kExperts);
  std::map<std::uint64_t, std::vector<ExpertId>> first_seen;
  const std::vector<std::vector<std::uint64_t>> batches{{5, 9, 5, 1, 9, 9}, {1, 77, 5}, {9}, {77, 77, 1, 5, 3}};
  for (std::size_t b = 0; b < batches.size(); ++b) {
    // Loads differ wildly between batches; a content hash must not care.
    std::vector<std::int64_t> load(kExperts, 0);
    for (int e = 0; e < kExperts; ++e) load[e] = (e * 37 + static_cast<int>(b) * 1000) % 91;
    const auto table = route_batch(*router, tokens_with_keys(batches[b]), RouteCall{kExperts, kK, depth, load});
    for (std::size_t i = 0; i < batches[b].size(); ++i) {
      const auto [it, inserted] = first_seen.emplace(batches[b][i], row(table, i, depth));
      if (!inserted) {
        EXPECT_EQ(row(table, i, depth), it->second) << "key " << batches[b][i] << " batch " << b;
      }
    }
  }
  // A fresh router with the same seed agrees (no hidden state), one with another seed does not.
  auto twin = testing::make_router("hash", 2024, kExperts, kK);
  auto other = testing::make_router("hash", 2025, kExperts, kK);
  int differing = 0;
  for (const auto& [key, expected] : first_seen) {
    EXPECT_EQ(row(route_batch(*twin, tokens_with_keys({key}), RouteCall{kExperts, kK, depth}), 0, depth), expected);
    differing += row(route_batch(*other, tokens_with_keys({key}), RouteCall{kExperts, kK, depth}), 0, depth) != expected;
  }
  EXPECT_EQ(differing, static_cast<int>(first_seen.size()));
}

TEST(HashRouter, ShallowerTableIsAPrefixOfTheDeeperRanking) {
  auto router = testing::make_router("hash", 3, kExperts, kK);
  const int depth = router->max_depth(kK, kExperts);
  const auto tokens = distinct_tokens(200);
  const auto shallow = route_batch(*router, tokens, RouteCall{kExperts, kK, kK});
  const auto deep = route_batch(*router, tokens, RouteCall{kExperts, kK, depth});
  for (std::size_t i = 0; i < tokens.size(); ++i)
    for (int c = 0; c < kK; ++c) ASSERT_EQ(shallow[i * kK + c], deep[i * depth + c]);
}

TEST(HashRouter, DistinctKeysSpreadEvenly) {
  // 65,536 distinct keys, k = 1, 64 experts: 1,024 each on average, Poisson-like spread
  // (standard deviation 32). max/mean under 1.15 is 4.7 standard deviations: a biased reduction
  // to [0, E) (say, one expert getting 20% extra) fails it.
  auto router = testing::make_router("hash", 11, kExperts, 1);
  const auto table = route_batch(*router, distinct_tokens(65536), RouteCall{kExperts, 1});
  const auto loads = testing::loads_of(table, 1, 1, kExperts);
  EXPECT_LT(max_over_mean(loads), 1.15);
  EXPECT_GT(*std::min_element(loads.begin(), loads.end()), 1024 * 0.85);
}

TEST(HashRouter, OneHotKeyConcentratesOnItsExperts) {
  // The weakness the adversarial scenarios exploit: a repeated key all lands on the same k experts.
  auto router = testing::make_router("hash", 5, kExperts, kK);
  const auto table = route_batch(*router, tokens_with_keys(std::vector<std::uint64_t>(500, 42)), RouteCall{kExperts, kK});
  const auto loads = testing::loads_of(table, kK, kK, kExperts);
  EXPECT_EQ(std::count(loads.begin(), loads.end(), 500), kK);
  EXPECT_EQ(std::count(loads.begin(), loads.end(), 0), kExperts - kK);
}

}  // namespace
}  // namespace routelab
