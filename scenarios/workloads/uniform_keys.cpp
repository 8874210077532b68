#include "scenarios/workloads/uniform_keys.hpp"

#include <boost/random/uniform_int_distribution.hpp>

namespace routelab {

UniformKeys::UniformKeys(std::uint64_t vocabulary) : vocabulary_(vocabulary) {}

std::uint64_t UniformKeys::draw(RngEngine& rng) {
  return boost::random::uniform_int_distribution<std::uint64_t>(0, vocabulary_ - 1)(rng);
}

}  // namespace routelab
