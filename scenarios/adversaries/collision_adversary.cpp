#include "scenarios/adversaries/collision_adversary.hpp"

#include <boost/random/uniform_int_distribution.hpp>

namespace routelab {

CollisionAdversary::CollisionAdversary(CollisionSet collisions, RngEngine rng)
    : collisions_(std::move(collisions)), rng_(std::move(rng)) {}

void CollisionAdversary::choose_keys(Tick tick, std::int64_t count, std::vector<std::uint64_t>& keys) {
  (void)tick;
  boost::random::uniform_int_distribution<std::size_t> pick(0, collisions_.keys.size() - 1);
  for (std::int64_t i = 0; i < count; ++i) keys.push_back(collisions_.keys[pick(rng_)]);
}

AdversaryStats CollisionAdversary::stats() const {
  return {static_cast<std::int64_t>(collisions_.keys.size()), collisions_.tried, 0};
}

}  // namespace routelab
