#include "routers/learned_seed/ring_coverage.hpp"

#include <algorithm>

#include "engine/errors.hpp"

namespace routelab {

RingCoverage::RingCoverage(std::span<const std::int64_t> capacities, std::int32_t ring) : ring_(ring), prefix_{0} {
  if (ring < 1) throw ConfigError("batches.size", "the token ring needs at least one position");
  for (const std::int64_t t : capacities) {
    if (t < 0 || t > ring) throw ConfigError("routing.capacity_factor", "an expert's capacity must lie in 0..batch size");
    prefix_.push_back(prefix_.back() + t);
  }
}

std::int32_t RingCoverage::owner(std::int64_t x) const {
  // The last expert whose arc starts at or before x (empty arcs share their start with the next).
  return static_cast<std::int32_t>(std::upper_bound(prefix_.begin(), prefix_.end(), x) - prefix_.begin()) - 1;
}

void RingCoverage::candidates(std::int32_t u, std::vector<std::int32_t>& out) const {
  out.clear();
  for (std::int64_t x = u; x < prefix_.back(); x += ring_) out.push_back(owner(x));
}

void RingCoverage::window_share(std::int32_t offset, std::int32_t width, std::span<double> out) const {
  std::fill(out.begin(), out.end(), 0.0);
  std::vector<std::int32_t> covering;
  for (std::int32_t step = 0; step < width; ++step) {
    candidates((offset + step) % ring_, covering);
    for (const std::int32_t j : covering) out[j] += 1.0 / (static_cast<double>(covering.size()) * width);
  }
}

}  // namespace routelab
