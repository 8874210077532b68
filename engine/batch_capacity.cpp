#include "engine/batch_capacity.hpp"

#include <cmath>
#include <numeric>

namespace routelab {

double mean_expert_speed(std::span<const double> expert_speed) {
  if (expert_speed.empty()) return 1.0;
  return std::accumulate(expert_speed.begin(), expert_speed.end(), 0.0) / static_cast<double>(expert_speed.size());
}

double speed_weighted_capacity(std::size_t batch_size, int k, int experts, double factor, double speed,
                               double mean_speed) {
  const double fair_share = static_cast<double>(batch_size) * k / experts;
  return std::ceil(factor * fair_share * (speed / mean_speed) - 1e-9);  // the epsilon: exact shares stay exact
}

}  // namespace routelab
