#pragma once
// How much of each window a run covered. Every window is window_ticks long and starts at
// index x window_ticks, except that a partial window ends early: the last window of a run, and of
// each layer of a layered trace, ends just after the last activity (the next layer starts on the
// next whole window). Only the partial windows are kept -- one per run or layer -- so a saved run
// reopened (it is re-run, saved_run_reader.hpp) knows every window's length as the live run did.
#include <cstdint>
#include <span>
#include <vector>

#include "core/types.hpp"

namespace routelab::gui {

struct PartialWindow {
  std::int64_t index = 0;
  Tick covered_ticks = 0;  // in (0, window_ticks)
  bool operator==(const PartialWindow&) const = default;
};

class WindowCoverage {
 public:
  explicit WindowCoverage(Tick window_ticks) : window_ticks_(window_ticks > 0 ? window_ticks : 1) {}

  // Window `index` covered `covered_ticks`; windows come in order. A window of the full length (or
  // of none, which has no data to scale) is not partial and is not kept.
  void add(std::int64_t index, Tick covered_ticks);

  Tick window_ticks() const { return window_ticks_; }
  Tick covered_ticks(std::int64_t window) const;
  double fraction(std::int64_t window) const;  // in (0, 1]
  // Where a window's point is drawn, in windows: the middle of its covered part.
  double covered_middle(std::int64_t window) const { return static_cast<double>(window) + fraction(window) / 2; }
  // `windows` less the uncovered part of the last of them: where the data ends.
  double end_window(std::int64_t windows) const;

  std::span<const PartialWindow> partial_windows() const { return partial_; }
  // The partial windows with an index in [first, last), in order.
  std::span<const PartialWindow> partial_in(std::int64_t first, std::int64_t last) const;

 private:
  const PartialWindow* find(std::int64_t window) const;

  Tick window_ticks_ = 1;
  std::vector<PartialWindow> partial_;  // ascending index
};

// Splits windows [first, last) by coverage: whole(a, b) for each stretch of whole windows and
// partial(window, fraction) for each partial window, in window order. The per-window rates
// (series_rate.hpp) and the heatmap raster scale the partial ones by 1 / fraction through this.
template <class Whole, class Partial>
void for_each_coverage_part(const WindowCoverage& coverage, std::int64_t first, std::int64_t last, Whole whole,
                            Partial partial) {
  std::int64_t from = first;
  for (const PartialWindow& window : coverage.partial_in(first, last)) {
    if (from < window.index) whole(from, window.index);
    partial(window.index, coverage.fraction(window.index));
    from = window.index + 1;
  }
  if (from < last) whole(from, last);
}

}  // namespace routelab::gui
