#include "gui/views/nice_ticks.hpp"

#include <algorithm>
#include <cmath>

namespace routelab::gui {

std::vector<double> nice_ticks(double low, double high, int max_ticks) {
  std::vector<double> ticks;
  if (!(high > low) || max_ticks < 1 || !std::isfinite(low) || !std::isfinite(high)) return ticks;
  const double raw_step = (high - low) / max_ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw_step)));
  double step = magnitude;
  for (const double multiple : {1.0, 2.0, 5.0, 10.0}) {
    step = multiple * magnitude;
    if (step >= raw_step) break;
  }
  for (double t = std::ceil(low / step) * step; t <= high + step * 1e-9; t += step)
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

int label_stride(std::span<const double> positions, double min_spacing) {
  const std::size_t count = positions.size();
  for (std::size_t stride = 1; stride < count; stride *= 2) {
    bool fits = true;
    for (std::size_t i = stride; i < count && fits; i += stride)
      fits = std::abs(positions[i] - positions[i - stride]) >= min_spacing;
    if (fits) return static_cast<int>(stride);
  }
  return static_cast<int>(std::max<std::size_t>(count, 1));
}

}  // namespace routelab::gui
