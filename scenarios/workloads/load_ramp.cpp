#include "scenarios/workloads/load_ramp.hpp"

#include <algorithm>

namespace routelab {

double LoadRamp::multiplier(double progress) const {
  const double t = std::clamp(progress, 0.0, 1.0);
  return from_ + (to_ - from_) * t;
}

}  // namespace routelab
