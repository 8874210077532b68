// aux_free_bias (DeepSeek-V3's auxiliary-loss-free balancing): the bias moves by exactly -/+ gamma
// against each expert's load error after every batch, it changes the selection only, and on a
// skewed stream the imbalance decays over batches to a steady state (printed, and in docs/routers.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cstdio>
#include <numeric>

#include "routers/aux_free_bias/aux_free_bias_router.hpp"
#include "routers/common/token_affinity.hpp"
#include "routers/learned/expert_ranking.hpp"
#include "tests/support/router_harness.hpp"

namespace routelab {
namespace {

using testing::loads_of;
using testing::route_batch;
using testing::RouteCall;
using testing::tokens_with_keys;

constexpr int kExperts = 16;
constexpr int kK = 2;

RouterConfig config_with_gamma(double gamma, std::uint64_t seed = 9) {
  RouterConfig config;
  config.name = "aux_free_bias";
  config.seed = seed;
  config.num_experts = kExperts;
  config.k = kK;
  config.params.set("gamma", std::to_string(gamma));
  return config;
}

// A skewed stream: 60% of the tokens are one of 6 hot keys, the rest from a large vocabulary.
std::vector<std::uint64_t> skewed_keys(RngEngine& rng, std::size_t count) {
  std::vector<std::uint64_t> keys(count);
  for (auto& key : keys) {
    const bool hot = boost::random::uniform_real_distribution<double>(0, 1)(rng) < 0.6;
    key = hot ? boost::random::uniform_int_distribution<std::uint64_t>(0, 5)(rng)
              : boost::random::uniform_int_distribution<std::uint64_t>(1000, 1u << 30)(rng);
  }
  return keys;
}

double max_over_mean(const std::vector<std::int64_t>& loads) {
  const double mean = static_cast<double>(std::accumulate(loads.begin(), loads.end(), std::int64_t{0})) /
                      static_cast<double>(loads.size());
  return static_cast<double>(*std::max_element(loads.begin(), loads.end())) / mean;
}

// Per-batch max/mean over a stream of `batches` skewed batches of 512 tokens.
std::vector<double> imbalance_trajectory(double gamma, int batches, std::uint64_t seed) {
  AuxFreeBiasRouter router(config_with_gamma(gamma, seed));
  RngEngine rng(seed);
  std::vector<double> trajectory;
  for (int b = 0; b < batches; ++b) {
    RouteCall call(kExperts, kK);
    call.batch_index = static_cast<std::uint64_t>(b);
    const auto table = route_batch(router, tokens_with_keys(skewed_keys(rng, 512)), call);
    trajectory.push_back(max_over_mean(loads_of(table, kK, kK, kExperts)));
  }
  return trajectory;
}

double mean_of(const std::vector<double>& values, std::size_t from, std::size_t to) {
  return std::accumulate(values.begin() + static_cast<std::ptrdiff_t>(from), values.begin() + static_cast<std::ptrdiff_t>(to), 0.0) /
         static_cast<double>(to - from);
}

TEST(AuxFreeBiasRouter, BiasMovesByGammaAgainstTheLoadError) {
  AuxFreeBiasRouter router(config_with_gamma(0.125));
  RngEngine rng(1);
  for (int b = 0; b < 5; ++b) {
    const std::vector<double> before = router.bias();
    const auto table = route_batch(router, tokens_with_keys(skewed_keys(rng, 96)), RouteCall(kExperts, kK));
    const auto loads = loads_of(table, kK, kK, kExperts);
    const double mean = 96.0 * kK / kExperts;
    for (int j = 0; j < kExperts; ++j) {
      const double step = router.bias()[j] - before[j];
      const auto load = static_cast<double>(loads[j]);
      const double expected = load > mean ? -0.125 : load < mean ? 0.125 : 0.0;
      EXPECT_DOUBLE_EQ(step, expected) << "expert " << j << " batch " << b;
    }
  }
}

TEST(AuxFreeBiasRouter, WithoutUpdatesItIsPlainTopKOfTheAffinity) {
  AuxFreeBiasRouter router(config_with_gamma(0.0));
  TokenAffinity affinity(9);  // the router's own affinity: same seed
  RngEngine rng(2);
  const auto keys = skewed_keys(rng, 200);
  const auto tokens = tokens_with_keys(keys);
  const auto table = route_batch(router, tokens, RouteCall(kExperts, kK));
  std::vector<double> scores(kExperts);
  std::vector<ExpertId> expected(kK), order;
  std::vector<float> embeddings;  // the harness gives embeddings; the affinity reads them the same way
  embeddings.resize(tokens.size() * testing::kHarnessEmbeddingDim);
  for (std::size_t i = 0; i < tokens.size(); ++i)
    testing::key_embedding(tokens[i].key, std::span(embeddings).subspan(i * testing::kHarnessEmbeddingDim,
                                                                        testing::kHarnessEmbeddingDim));
  const TokenBatch batch{0, 0, tokens, testing::kHarnessEmbeddingDim, embeddings};
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    affinity.scores(batch, i, scores);
    write_ranking(scores, expected, order);
    EXPECT_EQ(std::vector<ExpertId>(table.begin() + static_cast<std::ptrdiff_t>(i * kK),
                                    table.begin() + static_cast<std::ptrdiff_t>((i + 1) * kK)),
              expected);
  }
}

TEST(AuxFreeBiasRouter, ImbalanceDecaysOnASkewedStreamToASteadyState) {
  constexpr int kBatches = 400;
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    const auto balanced = imbalance_trajectory(0.01, kBatches, seed);
    const auto frozen = imbalance_trajectory(0.0, kBatches, seed);
    const double start = mean_of(balanced, 0, 10);
    const double steady = mean_of(balanced, kBatches - 100, kBatches);
    const double without = mean_of(frozen, kBatches - 100, kBatches);
    std::printf("seed %llu: max/mean first 10 batches %.3f, last 100 %.3f (gamma 0: %.3f)\n",
                static_cast<unsigned long long>(seed), start, steady, without);
    EXPECT_LT(steady, 0.75 * start) << "seed " << seed;
    EXPECT_LT(steady, 0.75 * without) << "seed " << seed;
  }
}

}  // namespace
}  // namespace routelab
