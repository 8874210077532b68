#pragma once
// Where learned_seed puts a batch's tokens on the phase router's token ring (its learned pi_T).
//
// Each seed lays its tokens end to end from its home: the seed's r-th token (in the seed's own
// permuted order) wants position home + r. Tokens claim places round by round (every seed's 0th
// token, then every seed's 1st, ...), each taking the first free position at or after the one it
// wants, as long as that position lies within (1 + probe_limit) windows of its seed's home. A
// token that finds no such place is saturated (its seed's experts are full): after everyone else,
// the saturated tokens take the remaining free positions in a seeded random order -- the
// oblivious phase router's placement, kept as the load floor. The result is a permutation of the
// ring, so the phase router's column bound (load_j <= t_j) still holds.
#include <cstdint>
#include <span>
#include <vector>

#include "routers/learned_seed/learned_seed_model.hpp"

namespace routelab {

struct PlacementCounts {
  std::int64_t at_home = 0;    // placed within reach of their seed's home
  std::int64_t fallback = 0;   // saturated: placed obliviously
};

class SeedPlacement {
 public:
  // seed_of_token: each token's seed; `batch_key` keys the permutations (router seed and batch);
  // `position` receives the ring position of each token (a permutation of 0..n-1).
  PlacementCounts place(const LearnedSeedModel& model, std::span<const int> seed_of_token, std::uint64_t batch_key,
                        std::span<std::int32_t> position);

 private:
  std::int32_t first_free(std::int32_t from);  // cyclic, with path compression

  std::vector<std::vector<std::int32_t>> tokens_of_seed_;
  std::vector<std::int32_t> next_free_;  // union-find: next_free_[p] == p while p is free
  std::vector<std::int32_t> saturated_;
  std::vector<std::int32_t> free_positions_;
};

}  // namespace routelab
