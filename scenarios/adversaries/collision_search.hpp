#pragma once
// Offline search for keys whose whole footprint lies inside one small set of target experts.
#include <cstdint>
#include <vector>

#include "core/rng_streams.hpp"
#include "scenarios/adversaries/routing_model.hpp"

namespace routelab {

struct CollisionSet {
  std::vector<ExpertId> target;       // the experts every found key lands on
  std::vector<std::uint64_t> keys;    // distinct keys found, in discovery order
  std::int64_t tried = 0;             // keys evaluated
};

// Draws candidate keys (uniform on [0, key_space), or any 64-bit value when key_space is 0) until
// `wanted` keys are found or `budget` keys were tried. The target set is the footprint of the
// first candidate, widened with random experts to `target_size` (at least the footprint size).
// The first candidate is always found, so the result is never empty.
CollisionSet find_colliding_keys(RoutingModel& model, int num_experts, int target_size, int wanted,
                                 std::int64_t budget, std::uint64_t key_space, RngEngine& rng);

}  // namespace routelab
