#include "scenarios/adversaries/collision_search.hpp"

#include <algorithm>
#include <boost/random/uniform_int_distribution.hpp>
#include <unordered_set>

namespace routelab {

namespace {

std::uint64_t draw_key(std::uint64_t key_space, RngEngine& rng) {
  if (key_space == 0) return rng();
  return boost::random::uniform_int_distribution<std::uint64_t>(0, key_space - 1)(rng);
}

}  // namespace

CollisionSet find_colliding_keys(RoutingModel& model, int num_experts, int target_size, int wanted,
                                 std::int64_t budget, std::uint64_t key_space, RngEngine& rng) {
  CollisionSet result;
  std::vector<ExpertId> footprint(static_cast<std::size_t>(model.footprint_size()));
  std::vector<char> in_target(static_cast<std::size_t>(num_experts), 0);

  const std::uint64_t first = draw_key(key_space, rng);
  model.footprint(first, footprint);
  ++result.tried;
  for (ExpertId e : footprint)
    if (e != kNoExpert && !in_target[e]) {
      in_target[e] = 1;
      result.target.push_back(e);
    }
  const auto size = static_cast<std::size_t>(std::clamp(target_size, 1, num_experts));
  while (result.target.size() < size) {
    const auto e = boost::random::uniform_int_distribution<ExpertId>(0, num_experts - 1)(rng);
    if (in_target[e]) continue;
    in_target[e] = 1;
    result.target.push_back(e);
  }
  std::sort(result.target.begin(), result.target.end());
  result.keys.push_back(first);
  std::unordered_set<std::uint64_t> found{first};

  while (static_cast<int>(result.keys.size()) < wanted && result.tried < budget) {
    const std::uint64_t key = draw_key(key_space, rng);
    ++result.tried;
    model.footprint(key, footprint);
    const bool inside = std::all_of(footprint.begin(), footprint.end(),
                                    [&](ExpertId e) { return e == kNoExpert || in_target[e]; });
    if (inside && found.insert(key).second) result.keys.push_back(key);
  }
  return result;
}

}  // namespace routelab
