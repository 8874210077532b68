#include "engine/overload_tracker.hpp"

#include <algorithm>

namespace routelab {

OverloadTracker::OverloadTracker(int num_experts, OverloadCause cause)
    : cause_(cause), open_(static_cast<std::size_t>(num_experts), OverloadEvent{0, -1, 0, 0, cause}) {}

bool OverloadTracker::observe(ExpertId expert, Tick now, std::int64_t level, std::int64_t limit,
                              OverloadEvent& closed) {
  OverloadEvent& open = open_[static_cast<std::size_t>(expert)];
  if (level > limit) {
    if (open.start < 0) {
      open = OverloadEvent{expert, now, now, level, cause_};
    } else {
      open.peak = std::max(open.peak, level);
    }
    return false;
  }
  if (open.start < 0) return false;
  open.end = now;
  closed = open;
  open.start = -1;
  return true;
}

}  // namespace routelab
