#include "routers/learned_seed/seed_window_share.hpp"

#include <algorithm>
#include <vector>

namespace routelab {

phase::PhaseOperator full_degree_operator(std::span<const std::int64_t> capacities, std::int32_t ring) {
  const std::vector<std::int64_t> all_experts(static_cast<std::size_t>(std::max(ring, 0)),
                                              static_cast<std::int64_t>(capacities.size()));
  return phase::PhaseOperator(all_experts, capacities, 0, false, {}, kLearnedSeedArcLayout);
}

void window_share(const phase::PhaseOperator& op, std::int32_t offset, std::int32_t width, std::span<double> out) {
  std::fill(out.begin(), out.end(), 0.0);
  const std::int32_t ring = op.rows();
  for (std::int32_t step = 0; step < width; ++step) {
    const std::int32_t u = (offset + step) % ring;
    const std::int64_t laps = op.coverage_at(u);
    op.for_each_covering_column(u, [&](std::int32_t column) {
      out[static_cast<std::size_t>(column)] += 1.0 / (static_cast<double>(laps) * width);
    });
  }
}

}  // namespace routelab
