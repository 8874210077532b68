#pragma once
// Overload episodes of one cause, per expert: an episode opens when a level goes above its limit,
// records the peak while it stays above, and closes when it comes back to the limit or below.
#include <cstdint>
#include <vector>

#include "engine/metrics.hpp"

namespace routelab {

class OverloadTracker {
 public:
  OverloadTracker(int num_experts, OverloadCause cause);

  // The expert's level at `now` against its limit; true when that closed an episode, which is
  // then in `closed`.
  bool observe(ExpertId expert, Tick now, std::int64_t level, std::int64_t limit, OverloadEvent& closed);

  // Closes every open episode at `end` (at least its start), calling on_closed(event) for each in
  // expert order.
  template <typename OnClosed>
  void close_all(Tick end, OnClosed&& on_closed) {
    for (OverloadEvent& open : open_) {
      if (open.start < 0) continue;
      open.end = open.start > end ? open.start : end;
      on_closed(open);
      open.start = -1;
    }
  }

 private:
  OverloadCause cause_;
  std::vector<OverloadEvent> open_;  // start < 0: no episode open
};

}  // namespace routelab
