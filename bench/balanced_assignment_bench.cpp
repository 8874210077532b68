// The base router's exact balanced assignment (routers/base/balanced_assignment.hpp) on one batch
// of the default scenario's shape (512 tokens, 64 experts, k = 2), against plain top-k of the same
// affinities (what a router that ignores balance does): the price of exactness, per batch.
#include <benchmark/benchmark.h>

#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <vector>

#include "core/rng_streams.hpp"
#include "routers/base/balanced_assignment.hpp"
#include "routers/learned/expert_ranking.hpp"

namespace {

constexpr std::size_t kTokens = 512;
constexpr int kExperts = 64;
constexpr int kK = 2;

// kind 0: independent uniform affinities (hash affinities of distinct keys); kind 1: every token
// prefers the low experts (correlated, as embeddings near one cluster make them).
std::vector<double> batch_affinity(int kind) {
  routelab::RngEngine rng(17);
  std::vector<double> affinity(kTokens * kExperts);
  for (std::size_t t = 0; t < kTokens; ++t)
    for (int e = 0; e < kExperts; ++e)
      affinity[t * kExperts + static_cast<std::size_t>(e)] =
          boost::random::uniform_real_distribution<double>(0, 1)(rng) - (kind == 1 ? 0.05 * e : 0.0);
  return affinity;
}

void BM_BalancedAssignment(benchmark::State& state) {
  const auto affinity = batch_affinity(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(routelab::balanced_assignment(affinity, kTokens, kExperts, kK));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kTokens));
}

void BM_PlainTopK(benchmark::State& state) {
  const auto affinity = batch_affinity(static_cast<int>(state.range(0)));
  std::vector<routelab::ExpertId> table(kTokens * kK);
  std::vector<routelab::ExpertId> order;
  for (auto _ : state) {
    for (std::size_t t = 0; t < kTokens; ++t)
      routelab::write_ranking(std::span<const double>(affinity).subspan(t * kExperts, kExperts),
                              std::span(table).subspan(t * kK, kK), order);
    benchmark::DoNotOptimize(table.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kTokens));
}

}  // namespace

BENCHMARK(BM_BalancedAssignment)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PlainTopK)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
