// The per-batch optimum equals brute force: over every assignment of small batches (random
// eligibility classes and capacities), the most assignments the capacities accept and the
// smallest achievable busiest-expert total over several batches.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <boost/random/uniform_int_distribution.hpp>
#include <functional>
#include <numeric>

#include "core/rng_streams.hpp"
#include "scenarios/optimum/batch_optimum.hpp"
#include "scenarios/optimum/run_optimum.hpp"

namespace routelab {
namespace {

int draw(RngEngine& rng, int lo, int hi) { return boost::random::uniform_int_distribution<int>(lo, hi)(rng); }

OptimumBatch random_batch(RngEngine& rng, int experts, bool capacities) {
  OptimumBatch batch;
  const int classes = draw(rng, 1, 2);
  for (int c = 0; c < classes; ++c) {
    EligibilityClass cls;
    cls.tokens = draw(rng, 1, 2);
    for (ExpertId e = 0; e < experts; ++e)
      if (draw(rng, 0, 2) > 0) cls.experts.push_back(e);
    if (cls.experts.empty()) cls.experts.push_back(static_cast<ExpertId>(draw(rng, 0, experts - 1)));
    batch.classes.push_back(cls);
  }
  if (capacities)
    for (int e = 0; e < experts; ++e) batch.capacity.push_back(draw(rng, 0, 3));
  return batch;
}

// Every token of every batch, with its eligible experts as a bit mask.
std::vector<std::uint32_t> token_masks(std::span<const OptimumBatch> batches) {
  std::vector<std::uint32_t> masks;
  for (const auto& batch : batches)
    for (const auto& c : batch.classes) {
      std::uint32_t mask = 0;
      for (const ExpertId e : c.experts) mask |= 1u << e;
      for (std::int64_t t = 0; t < c.tokens; ++t) masks.push_back(mask);
    }
  return masks;
}

std::int64_t brute_max_served(const OptimumBatch& batch, int experts, int k) {
  const auto masks = token_masks(std::span(&batch, 1));
  std::vector<std::int64_t> used(static_cast<std::size_t>(experts), 0);
  std::int64_t best = 0;
  std::function<void(std::size_t, std::int64_t)> walk = [&](std::size_t t, std::int64_t served) {
    if (t == masks.size()) {
      best = std::max(best, served);
      return;
    }
    for (std::uint32_t m = masks[t];; m = (m - 1) & masks[t]) {  // every subset of the eligible set
      if (std::popcount(m) <= k) {
        bool fits = true;
        for (int e = 0; e < experts; ++e)
          if (((m >> e) & 1u) && used[static_cast<std::size_t>(e)] >= batch.capacity[static_cast<std::size_t>(e)]) fits = false;
        if (fits) {
          for (int e = 0; e < experts; ++e) used[static_cast<std::size_t>(e)] += (m >> e) & 1u;
          walk(t + 1, served + std::popcount(m));
          for (int e = 0; e < experts; ++e) used[static_cast<std::size_t>(e)] -= (m >> e) & 1u;
        }
      }
      if (m == 0) break;
    }
  };
  walk(0, 0);
  return best;
}

std::int64_t brute_min_max_load(std::span<const OptimumBatch> batches, int experts, int k) {
  const auto masks = token_masks(batches);
  std::vector<std::int64_t> load(static_cast<std::size_t>(experts), 0);
  std::int64_t best = std::numeric_limits<std::int64_t>::max();
  std::function<void(std::size_t)> walk = [&](std::size_t t) {
    if (t == masks.size()) {
      best = std::min(best, *std::max_element(load.begin(), load.end()));
      return;
    }
    const int want = std::min(k, std::popcount(masks[t]));
    for (std::uint32_t m = masks[t];; m = (m - 1) & masks[t]) {
      if (std::popcount(m) == want) {
        for (int e = 0; e < experts; ++e) load[static_cast<std::size_t>(e)] += (m >> e) & 1u;
        walk(t + 1);
        for (int e = 0; e < experts; ++e) load[static_cast<std::size_t>(e)] -= (m >> e) & 1u;
      }
      if (m == 0) break;
    }
  };
  walk(0);
  return best;
}

TEST(BatchOptimum, MaxServedEqualsBruteForce) {
  int checked = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    RngEngine rng(seed);
    const int experts = draw(rng, 1, 4);
    const int k = draw(rng, 1, 3);
    const OptimumBatch batch = random_batch(rng, experts, true);
    ASSERT_EQ(max_served(batch, experts, k), brute_max_served(batch, experts, k)) << "seed " << seed;
    ++checked;
  }
  EXPECT_EQ(checked, 300);
}

TEST(BatchOptimum, MinMaxLoadOverSeveralBatchesEqualsBruteForce) {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    RngEngine rng(seed);
    const int experts = draw(rng, 1, 4);
    const int k = draw(rng, 1, 3);
    std::vector<OptimumBatch> batches;
    for (int b = draw(rng, 1, 3); b > 0; --b) batches.push_back(random_batch(rng, experts, false));
    ASSERT_EQ(min_max_load(batches, experts, k), brute_min_max_load(batches, experts, k)) << "seed " << seed;
  }
}

TEST(BatchOptimum, WithoutCapacitiesEverySlotIsServed) {
  OptimumBatch batch;
  batch.classes.push_back({5, {0, 2}});
  EXPECT_EQ(demanded_slots(batch, 3), 10);  // min(k, eligible) = 2 slots a token
  EXPECT_EQ(max_served(batch, 3, 3), 10);
}

// A router that writes nothing: the recorder passes its (empty) table through and still records.
class SilentRouter : public Router {
 public:
  void route(const RoutingRequest&, std::span<ExpertId>) override {}
};

TEST(OptimumRecorder, RecordsEveryBatchAndLeavesTheTableAlone) {
  OptimumRecorder recorder(std::make_unique<SilentRouter>(), true);
  std::vector<Token> tokens(10);
  const std::vector<std::int64_t> load(4, 0);
  const std::vector<std::int32_t> capacity{3, 3, 3, 1};  // 10 tokens x k 2 = 20 slots, 10 accepted at most
  const TokenBatch batch{0, 0, tokens, 0, {}};
  std::vector<ExpertId> out(20, kNoExpert);
  for (int b = 0; b < 3; ++b) recorder.route(RoutingRequest{batch, 2, 2, 4, load, capacity}, out);
  EXPECT_TRUE(std::all_of(out.begin(), out.end(), [](ExpertId e) { return e == kNoExpert; }));
  const OptimumSummary s = recorder.summary(4);
  EXPECT_EQ(s.batches, 3);
  EXPECT_EQ(s.slot_count, 60);
  EXPECT_EQ(s.served, 30);
  EXPECT_DOUBLE_EQ(s.fill_ratio, 0.5);
  EXPECT_EQ(s.max_load, 15);
  EXPECT_DOUBLE_EQ(s.load_max_over_mean, 1.0);
}

// The recorder's closed forms (every token may go to every expert) equal the max-flows, which
// the tests above check against brute force: one batch's served slots, and a run's busiest expert.
TEST(BatchOptimum, ClosedFormsForAnyExpertEqualTheMaxFlows) {
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    RngEngine rng(seed);
    const int experts = draw(rng, 1, 12);
    const int k = draw(rng, 1, 14);  // also above E: min(k, E) slots a token
    std::vector<OptimumBatch> batches;
    std::int64_t slots = 0;
    for (int b = draw(rng, 1, 6); b > 0; --b) {
      OptimumBatch batch;
      EligibilityClass all{draw(rng, 1, 40), std::vector<ExpertId>(static_cast<std::size_t>(experts))};
      std::iota(all.experts.begin(), all.experts.end(), 0);
      batch.classes.push_back(all);
      std::vector<std::int32_t> capacity;
      for (int e = 0; e < experts; ++e) capacity.push_back(draw(rng, 0, 45));
      batch.capacity.assign(capacity.begin(), capacity.end());
      ASSERT_EQ(max_served_any_expert(all.tokens, capacity, experts, k), max_served(batch, experts, k))
          << "seed " << seed;
      EXPECT_EQ(max_served_any_expert(all.tokens, {}, experts, k), demanded_slots(batch, k));
      slots += demanded_slots(batch, k);
      batch.capacity.clear();
      batches.push_back(batch);
    }
    ASSERT_EQ(min_max_load_any_expert(slots, experts), min_max_load(batches, experts, k)) << "seed " << seed;
  }
}

// Nothing is kept per batch, so a run of any length has its optimum: 20,000 batches over 1,000
// experts (20 million batch-expert pairs; the max-flow formulation had stopped at a million).
TEST(OptimumRecorder, ALongRunHasItsOptimum) {
  OptimumRecorder recorder(std::make_unique<SilentRouter>(), true);
  constexpr int kExperts = 1000;
  std::vector<Token> tokens(3);
  const std::vector<std::int64_t> load(kExperts, 0);
  std::vector<std::int32_t> capacity(kExperts, 0);
  capacity[7] = 2;  // one expert takes 2 a batch: 2 of the 3 tokens' slots (k = 1) are served
  const TokenBatch batch{0, 0, tokens, 0, {}};
  std::vector<ExpertId> out(3, kNoExpert);
  constexpr std::int64_t kBatches = 20'000;
  for (std::int64_t b = 0; b < kBatches; ++b) recorder.route(RoutingRequest{batch, 1, 1, kExperts, load, capacity}, out);
  const OptimumSummary s = recorder.summary(kExperts);
  EXPECT_EQ(s.batches, kBatches);
  EXPECT_EQ(s.slot_count, 3 * kBatches);
  EXPECT_EQ(s.served, 2 * kBatches);
  EXPECT_EQ(s.max_load, 60);  // ceil(60,000 slots / 1,000 experts)
  EXPECT_DOUBLE_EQ(s.load_max_over_mean, 1.0);
}

}  // namespace
}  // namespace routelab
