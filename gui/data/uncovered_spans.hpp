#pragma once
// Where a view has no data although a window is there: the part of each partial window -- the
// last of a run and the last of each layer of a layered trace, which ends mid-run -- after the
// run's last activity in it. The views hatch these spans, so a partial window reads as "the run
// (or the layer) ended here", not as a window with nothing in it. A view of several runs hatches
// only where none of them has data.
#include <cstdint>
#include <span>
#include <vector>

#include "gui/data/window_coverage.hpp"

namespace routelab::gui {

struct UncoveredSpan {
  double first = 0;  // in windows
  double last = 0;   // exclusive
  bool operator==(const UncoveredSpan&) const = default;
};

struct CoveredRun {
  const WindowCoverage* coverage = nullptr;  // null: every window is whole
  std::int64_t windows = 0;                  // the run's windows; past them it covers nothing
};

// The uncovered spans of windows [first, last), in order: for each window that is partial in one
// of `runs` and covered by none of them to its end, from where the furthest of them ends; and the
// windows below `last` that no run reaches (a cluster window can reach past its run's last window).
std::vector<UncoveredSpan> uncovered_spans(std::span<const CoveredRun> runs, std::int64_t first, std::int64_t last);

}  // namespace routelab::gui
