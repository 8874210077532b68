#include "gui/views/time_axis.hpp"

#include <algorithm>
#include <cmath>

namespace routelab::gui {

double TimeAxis::max_last() const { return std::max<double>(static_cast<double>(extent_), kMinSpanWindows); }

void TimeAxis::apply_range(double first, double last) {
  const double bound = max_last();
  double span = std::clamp(last - first, kMinSpanWindows, bound);
  first = std::clamp(first, 0.0, bound - span);
  first_ = first;
  last_ = first + span;
}

void TimeAxis::set_window_ticks(Tick ticks) {
  window_ticks_ = ticks > 0 ? ticks : 1;
  emit changed();
}

void TimeAxis::set_extent(std::int64_t windows) {
  if (windows == extent_) return;
  extent_ = windows;
  if (!live_) limit_ = std::min(limit_, extent_);
  if (following_) {
    apply_range(0, max_last());
  } else {
    apply_range(first_, last_);
  }
  emit changed();
}

void TimeAxis::set_range(double first, double last) {
  following_ = false;
  apply_range(first, last);
  emit changed();
}

void TimeAxis::zoom(double factor, double anchor) {
  const double new_span = span() * factor;
  const double ratio = span() > 0 ? (anchor - first_) / span() : 0.5;
  set_range(anchor - ratio * new_span, anchor - ratio * new_span + new_span);
}

void TimeAxis::pan(double windows) { set_range(first_ + windows, last_ + windows); }

void TimeAxis::fit() {
  following_ = true;
  apply_range(0, max_last());
  emit changed();
}

void TimeAxis::set_limit(std::int64_t windows) {
  windows = std::clamp<std::int64_t>(windows, 0, extent_);
  live_ = windows >= extent_;
  limit_ = windows;
  emit changed();
}

void TimeAxis::go_live() {
  live_ = true;
  emit changed();
}

void TimeAxis::set_cursor(double window) {
  cursor_ = window;
  emit changed();
}

void TimeAxis::set_highlighted_expert(int expert) {
  highlighted_expert_ = expert;
  emit changed();
}

void TimeAxis::jump_to(double window, int expert) {
  const double half = span() / 2;
  following_ = false;
  apply_range(window - half, window + half);
  cursor_ = window;
  highlighted_expert_ = expert;
  emit changed();
}

void TimeAxis::reset() {
  first_ = 0;
  last_ = kMinSpanWindows;
  extent_ = 0;
  limit_ = 0;
  live_ = true;
  following_ = true;
  cursor_ = -1;
  highlighted_expert_ = -1;
  emit changed();
}

}  // namespace routelab::gui
