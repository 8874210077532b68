#include "gui/views/nice_ticks.hpp"

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

}  // namespace routelab::gui
