#pragma once
// Structured row degrees against the phase router (adversary 3 of docs/scenarios.md). The phase
// router is content-blind: what an attacker controls is each of its tokens' row degree s_i (how
// many experts the token declares itself eligible for) and the order of those degrees, which set
// the phase offsets phi_i = (sum_{r<i} s_r) mod E. Each batch, this attacker writes one
// degree_patterns.hpp sequence over its own tokens (TokenBatch::row_degrees); the victims keep
// the router's default. Its keys are ordinary: uniform on [0, key_space), so routers that ignore
// degrees see the same tokens whatever the pattern.
//
// The baseline of the attack is the same attacker with pattern = uniform_random (the published
// generator): same keys, same positions, degrees drawn from the same stream, so sorted_ascending
// and sorted_descending send exactly the baseline's degrees of every batch, only reordered.
#include "core/rng_streams.hpp"
#include "scenarios/adversaries/adversary.hpp"
#include "scenarios/adversaries/degree_patterns.hpp"

namespace routelab {

class PhaseStructureAdversary : public Adversary {
 public:
  // `pattern.rows` is ignored (each batch's attacker token count is used). `keys` draws the keys,
  // `degrees` the pattern's random degrees; key_space >= 1.
  PhaseStructureAdversary(DegreePatternSpec pattern, std::uint64_t key_space, RngEngine keys, RngEngine degrees);
  void choose_keys(Tick tick, std::int64_t count, std::vector<std::uint64_t>& keys) override;
  bool sets_degrees() const override { return true; }
  void choose_degrees(Tick tick, std::int64_t count, std::vector<std::int32_t>& degrees) override;

 private:
  DegreePatternSpec pattern_;
  std::uint64_t key_space_;
  RngEngine keys_;
  RngEngine degrees_;
};

}  // namespace routelab
