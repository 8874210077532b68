#include "gui/views/event_lane.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace routelab::gui {

void EventLane::lay_out(const RunHistory& run, double first, double windows_per_column, int columns, double limit) {
  columns_ = std::max(columns, 0);
  shown_.assign(static_cast<std::size_t>(kSubLanes) * static_cast<std::size_t>(columns_), -1);
  counts_.assign(shown_.size(), 0);
  segments_.clear();
  for (int& most : max_count_) most = 0;
  if (columns_ == 0 || !(windows_per_column > 0)) return;
  const auto& events = run.events();
  const double last = first + windows_per_column * columns_;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const OverloadEvent& event = events[i];
    const double start = run.window_of_tick(event.start);
    const double end = std::min(run.window_of_tick(event.end), limit);
    if (start >= limit || start >= last || end < first) continue;
    const int begin = std::clamp(static_cast<int>(std::floor((start - first) / windows_per_column)), 0, columns_ - 1);
    const int stop = std::clamp(static_cast<int>(std::ceil((end - first) / windows_per_column)), begin + 1, columns_);
    const std::size_t offset = static_cast<std::size_t>(sub_lane_of(event.cause)) * static_cast<std::size_t>(columns_);
    std::int64_t* lane = shown_.data() + offset;
    int* counts = counts_.data() + offset;
    int& most = max_count_[sub_lane_of(event.cause)];
    for (int c = begin; c < stop; ++c) {
      most = std::max(most, ++counts[c]);
      std::int64_t& slot = lane[c];
      if (slot < 0 || events[static_cast<std::size_t>(slot)].peak < event.peak) slot = static_cast<std::int64_t>(i);
    }
  }
  for (int lane = 0; lane < kSubLanes; ++lane) {
    const std::int64_t* shown = shown_.data() + static_cast<std::size_t>(lane) * static_cast<std::size_t>(columns_);
    for (int c = 0; c < columns_;) {
      if (shown[c] < 0) {
        ++c;
        continue;
      }
      int end = c + 1;
      while (end < columns_ && shown[end] == shown[c]) ++end;
      segments_.push_back({c, end, lane, static_cast<std::size_t>(shown[c])});
      c = end;
    }
  }
}

int EventLane::count_at(int column, int sub_lane) const {
  if (sub_lane < 0 || sub_lane >= kSubLanes || column < 0 || column >= columns_) return 0;
  return counts_[static_cast<std::size_t>(sub_lane) * static_cast<std::size_t>(columns_) + static_cast<std::size_t>(column)];
}

std::int64_t EventLane::event_at(int column, int sub_lane) const {
  if (sub_lane < 0 || sub_lane >= kSubLanes || columns_ == 0) return -1;
  const std::int64_t* shown = shown_.data() + static_cast<std::size_t>(sub_lane) * static_cast<std::size_t>(columns_);
  for (int distance = 0; distance <= kHitSlackColumns; ++distance) {
    for (const int c : {column - distance, column + distance}) {
      if (c >= 0 && c < columns_ && shown[c] >= 0) return shown[c];
    }
  }
  return -1;
}

}  // namespace routelab::gui
