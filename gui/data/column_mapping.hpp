#pragma once
// How a pixel column maps to metric windows. Shared by the views and the CSV export so that the
// exported numbers are exactly the ones drawn.
#include <cmath>
#include <cstdint>

namespace routelab::gui {

struct WindowSpan {
  std::int64_t first = 0;
  std::int64_t last = 0;  // exclusive
  bool empty() const { return first >= last; }
};

// Column `column` of a view starting at window `view_first` with `windows_per_column` windows per
// pixel column covers windows [floor(a), floor(b)) with a, b its edges, so neighbouring columns
// share their boundary and every window belongs to exactly one column; zoomed in past one window
// per column, it covers the one window under its left edge. Clipped to [0, limit).
inline WindowSpan column_windows(double view_first, double windows_per_column, int column, std::int64_t limit) {
  const double a = view_first + windows_per_column * column;
  const double b = view_first + windows_per_column * (column + 1);  // the next column's a, bit for bit
  WindowSpan span;
  span.first = static_cast<std::int64_t>(std::floor(a));
  span.last = static_cast<std::int64_t>(std::floor(b));
  if (span.last <= span.first) span.last = span.first + 1;
  if (span.first < 0) span.first = 0;
  if (span.last > limit) span.last = limit;
  return span;
}

}  // namespace routelab::gui
