#include "scenarios/adversaries/phase_structure_adversary.hpp"

#include <boost/random/uniform_int_distribution.hpp>

namespace routelab {

PhaseStructureAdversary::PhaseStructureAdversary(DegreePatternSpec pattern, std::uint64_t key_space, RngEngine keys,
                                                 RngEngine degrees)
    : pattern_(pattern), key_space_(key_space), keys_(std::move(keys)), degrees_(std::move(degrees)) {}

void PhaseStructureAdversary::choose_keys(Tick tick, std::int64_t count, std::vector<std::uint64_t>& keys) {
  (void)tick;
  boost::random::uniform_int_distribution<std::uint64_t> draw(0, key_space_ - 1);
  for (std::int64_t i = 0; i < count; ++i) keys.push_back(draw(keys_));
}

void PhaseStructureAdversary::choose_degrees(Tick tick, std::int64_t count, std::vector<std::int32_t>& degrees) {
  (void)tick;
  DegreePatternSpec batch = pattern_;
  batch.rows = static_cast<int>(count);
  for (const int degree : make_degree_pattern(batch, degrees_)) degrees.push_back(degree);
}

}  // namespace routelab
