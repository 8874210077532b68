#pragma once
// Seed-aware collisions: the attacker knows a content-deterministic router's seed and function
// (through a RoutingModel), searches offline for many distinct keys whose footprints all lie in
// one small set of experts, then sends them at its share of the stream. Distinct keys defeat any
// defence that watches for a repeated hot token. Used for `collision` (tokens interleaved with
// the victims) and `colocation` (the same tokens placed ahead of the victims in every batch, so
// they take the target experts' capacity before any victim arrives).
#include "core/rng_streams.hpp"
#include "scenarios/adversaries/adversary.hpp"
#include "scenarios/adversaries/collision_search.hpp"

namespace routelab {

class CollisionAdversary : public Adversary {
 public:
  CollisionAdversary(CollisionSet collisions, RngEngine rng);
  void choose_keys(Tick tick, std::int64_t count, std::vector<std::uint64_t>& keys) override;
  AdversaryStats stats() const override;
  const CollisionSet& collisions() const { return collisions_; }

 private:
  CollisionSet collisions_;
  RngEngine rng_;
};

}  // namespace routelab
