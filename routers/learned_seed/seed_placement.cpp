#include "routers/learned_seed/seed_placement.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "routers/learned_seed/seed_permutation.hpp"

namespace routelab {

std::int32_t SeedPlacement::first_free(std::int32_t from) {
  std::int32_t root = from;
  while (next_free_[root] != root) root = next_free_[root];
  while (next_free_[from] != root) {  // path compression
    const std::int32_t next = next_free_[from];
    next_free_[from] = root;
    from = next;
  }
  return root;
}

PlacementCounts SeedPlacement::place(const LearnedSeedModel& model, std::span<const int> seed_of_token,
                                     std::uint64_t batch_key, std::span<std::int32_t> position) {
  const auto ring = static_cast<std::int32_t>(seed_of_token.size());
  PlacementCounts counts;
  if (ring == 0) return counts;
  tokens_of_seed_.resize(static_cast<std::size_t>(model.seeds));
  for (auto& list : tokens_of_seed_) list.clear();
  for (std::int32_t i = 0; i < ring; ++i) tokens_of_seed_[static_cast<std::size_t>(seed_of_token[i])].push_back(i);
  std::size_t rounds = 0;
  for (std::size_t m = 0; m < tokens_of_seed_.size(); ++m) {
    shuffle_with_key(tokens_of_seed_[m], seed_key(batch_key, m));
    rounds = std::max(rounds, tokens_of_seed_[m].size());
  }

  next_free_.resize(static_cast<std::size_t>(ring));
  std::iota(next_free_.begin(), next_free_.end(), 0);
  // Positions a seed may use, counted from its home (at least 1, at most the whole ring).
  const auto reach = std::clamp<std::int64_t>(
      static_cast<std::int64_t>(std::floor((1.0 + model.probe_limit) * static_cast<double>(model.window(ring)))), 1,
      ring);
  saturated_.clear();
  for (std::size_t r = 0; r < rounds; ++r) {
    for (std::size_t m = 0; m < tokens_of_seed_.size(); ++m) {
      if (r >= tokens_of_seed_[m].size()) continue;
      const std::int32_t token = tokens_of_seed_[m][r];
      const std::int32_t home = model.home(static_cast<int>(m), ring);
      const std::int32_t found = static_cast<std::int64_t>(r) < reach
                                     ? first_free(static_cast<std::int32_t>((home + static_cast<std::int64_t>(r)) % ring))
                                     : home;
      if (static_cast<std::int64_t>(r) >= reach || (found - home + ring) % ring >= reach) {
        saturated_.push_back(token);
        continue;
      }
      position[token] = found;
      next_free_[found] = (found + 1) % ring;
      ++counts.at_home;
    }
  }

  // The oblivious fallback: the remaining positions, in a seeded random order.
  free_positions_.clear();
  for (std::int32_t p = 0; p < ring; ++p)
    if (next_free_[p] == p) free_positions_.push_back(p);
  shuffle_with_key(free_positions_, seed_key(batch_key, tokens_of_seed_.size()));
  for (std::size_t s = 0; s < saturated_.size(); ++s) position[saturated_[s]] = free_positions_[s];
  counts.fallback = static_cast<std::int64_t>(saturated_.size());
  return counts;
}

}  // namespace routelab
