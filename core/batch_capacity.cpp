#include "core/batch_capacity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
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

void batch_capacity_of_experts(std::size_t batch_size, int k, int experts, double factor,
                               std::span<const double> expert_speed, std::vector<std::int32_t>& capacity) {
  capacity.assign(static_cast<std::size_t>(experts), std::numeric_limits<std::int32_t>::max());
  if (factor <= 0.0) return;
  const double mean_speed = mean_expert_speed(expert_speed);
  for (int e = 0; e < experts; ++e) {
    const double speed = expert_speed.empty() ? 1.0 : expert_speed[static_cast<std::size_t>(e)];
    const double cap = speed_weighted_capacity(batch_size, k, experts, factor, speed, mean_speed);
    capacity[static_cast<std::size_t>(e)] = static_cast<std::int32_t>(std::clamp(cap, 0.0, 2.0e9));
  }
}

}  // namespace routelab
