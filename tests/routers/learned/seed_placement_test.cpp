// learned_seed's placement on the token ring: always a permutation; seeds lay their tokens end to
// end from their homes; what does not fit within reach falls back to seeded random positions.
#include "routers/learned_seed/seed_placement.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "core/rng_streams.hpp"
#include <vector>

namespace routelab {
namespace {

LearnedSeedModel model_with_offsets(std::vector<float> offsets, double probe_limit) {
  LearnedSeedModel model;
  model.seeds = static_cast<int>(offsets.size());
  model.dim = 1;
  model.probe_limit = probe_limit;
  model.offsets = std::move(offsets);
  model.projection.assign(model.offsets.size(), 0.0F);
  model.bias.assign(model.offsets.size(), 0.0F);
  return model;
}

bool is_permutation(std::vector<std::int32_t> positions) {
  std::sort(positions.begin(), positions.end());
  for (std::size_t i = 0; i < positions.size(); ++i)
    if (positions[i] != static_cast<std::int32_t>(i)) return false;
  return true;
}

TEST(SeedPlacement, IsAlwaysAPermutationOfTheRing) {
  const LearnedSeedModel model = model_with_offsets({0.0F, 0.1F, 0.5F, 0.55F, 0.9F}, 0.5);
  SeedPlacement placement;
  for (std::uint64_t trial = 0; trial < 20; ++trial) {
    const auto ring = static_cast<std::size_t>(7 + 13 * trial);
    std::vector<int> seeds(ring);
    for (std::size_t i = 0; i < ring; ++i) seeds[i] = static_cast<int>(mix64(trial * 1000 + i) % 5);
    std::vector<std::int32_t> positions(ring, -1);
    const PlacementCounts counts = placement.place(model, seeds, trial, positions);
    EXPECT_TRUE(is_permutation(positions)) << "ring " << ring;
    EXPECT_EQ(counts.at_home + counts.fallback, static_cast<std::int64_t>(ring));
  }
}

TEST(SeedPlacement, AnUncontendedSeedLaysItsTokensEndToEndFromItsHome) {
  // Ring of 40, 4 seeds: window 10; seed 2's home is floor(0.5 * 40) = 20.
  const LearnedSeedModel model = model_with_offsets({0.0F, 0.25F, 0.5F, 0.75F}, 0.0);
  std::vector<int> seeds(40, 0);
  for (int i = 0; i < 7; ++i) seeds[i] = 2;   // 7 tokens on seed 2
  for (int i = 7; i < 17; ++i) seeds[i] = 1;  // 10 on seed 1
  for (int i = 17; i < 27; ++i) seeds[i] = 3; // 10 on seed 3
  for (int i = 27; i < 40; ++i) seeds[i] = 0; // 13 on seed 0: 3 more than its window
  SeedPlacement placement;
  std::vector<std::int32_t> positions(40);
  const PlacementCounts counts = placement.place(model, seeds, 1, positions);
  std::vector<std::int32_t> seed2(positions.begin(), positions.begin() + 7);
  std::sort(seed2.begin(), seed2.end());
  EXPECT_EQ(seed2, (std::vector<std::int32_t>{20, 21, 22, 23, 24, 25, 26}));
  for (int i = 7; i < 17; ++i) EXPECT_TRUE(positions[i] >= 10 && positions[i] < 20) << i;
  for (int i = 17; i < 27; ++i) EXPECT_TRUE(positions[i] >= 30 && positions[i] < 40) << i;
  // probe_limit 0: seed 0 reaches one window; its 3 extra tokens fall back to the 3 free places
  // left in seed 2's window.
  EXPECT_EQ(counts.fallback, 3);
  int in_own_window = 0;
  for (int i = 27; i < 40; ++i) in_own_window += positions[i] < 10 ? 1 : 0;
  EXPECT_EQ(in_own_window, 10);
}

TEST(SeedPlacement, ProbeLimitWidensASeedsReach) {
  const LearnedSeedModel tight = model_with_offsets({0.0F, 0.5F}, 0.0);
  const LearnedSeedModel loose = model_with_offsets({0.0F, 0.5F}, 1.0);
  std::vector<int> seeds(20, 0);  // everything on seed 0: window 10
  SeedPlacement placement;
  std::vector<std::int32_t> positions(20);
  EXPECT_EQ(placement.place(tight, seeds, 3, positions).at_home, 10);
  EXPECT_EQ(placement.place(loose, seeds, 3, positions).at_home, 20);
}

TEST(SeedPlacement, DeterministicForAKeyAndKeyed) {
  const LearnedSeedModel model = model_with_offsets({0.0F, 0.3F, 0.6F}, 0.2);
  std::vector<int> seeds(64);
  for (std::size_t i = 0; i < seeds.size(); ++i) seeds[i] = i % 7 == 0 ? 1 : 0;
  SeedPlacement placement;
  std::vector<std::int32_t> a(64), b(64), c(64);
  placement.place(model, seeds, 42, a);
  placement.place(model, seeds, 42, b);
  placement.place(model, seeds, 43, c);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

}  // namespace
}  // namespace routelab
