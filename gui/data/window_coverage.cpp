#include "gui/data/window_coverage.hpp"

#include <algorithm>

namespace routelab::gui {

namespace {
bool index_before(const PartialWindow& partial, std::int64_t window) { return partial.index < window; }
}  // namespace

void WindowCoverage::add(std::int64_t index, Tick covered_ticks) {
  if (covered_ticks <= 0 || covered_ticks >= window_ticks_) return;
  partial_.push_back({index, covered_ticks});
}

const PartialWindow* WindowCoverage::find(std::int64_t window) const {
  const auto found = std::lower_bound(partial_.begin(), partial_.end(), window, index_before);
  return found != partial_.end() && found->index == window ? &*found : nullptr;
}

Tick WindowCoverage::covered_ticks(std::int64_t window) const {
  const PartialWindow* partial = find(window);
  return partial ? partial->covered_ticks : window_ticks_;
}

double WindowCoverage::fraction(std::int64_t window) const {
  return static_cast<double>(covered_ticks(window)) / static_cast<double>(window_ticks_);
}

double WindowCoverage::end_window(std::int64_t windows) const {
  if (windows <= 0) return 0;
  return static_cast<double>(windows - 1) + fraction(windows - 1);
}

std::span<const PartialWindow> WindowCoverage::partial_in(std::int64_t first, std::int64_t last) const {
  const auto begin = std::lower_bound(partial_.begin(), partial_.end(), first, index_before);
  const auto end = std::lower_bound(begin, partial_.end(), last, index_before);
  return {begin, end};
}

}  // namespace routelab::gui
