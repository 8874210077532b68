#pragma once
// The overload events of one run laid out for the lane under its heatmap, so markers never cover
// the data: one sub-lane per cause, each event a bar over its time span. Each pixel column of a
// sub-lane shows one event (the one with the highest peak there), so a dense run costs at most two
// bars per pixel column to paint, and hit-testing a position is one array look-up. Qt-free.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "gui/data/run_history.hpp"

namespace routelab::gui {

class EventLane {
 public:
  static constexpr int kSubLanes = 2;  // one per OverloadCause
  static constexpr int kHitSlackColumns = 2;  // a thin bar is still hit from 2 px beside it

  struct Segment {  // consecutive columns showing the same event
    int column_begin = 0;
    int column_end = 0;  // exclusive
    int sub_lane = 0;
    std::size_t event = 0;  // index into the run's events()
  };

  static int sub_lane_of(OverloadCause cause) { return cause == OverloadCause::queue_above_threshold ? 0 : 1; }

  // Lays out the events visible in `columns` pixel columns from window `first` at
  // `windows_per_column`, clipped to windows below `limit`. An event covers at least one column.
  void lay_out(const RunHistory& run, double first, double windows_per_column, int columns, double limit);

  int columns() const { return columns_; }
  const std::vector<Segment>& segments() const { return segments_; }
  // The event shown at `column` of `sub_lane` (or, if none, the nearest within kHitSlackColumns);
  // -1 when none.
  std::int64_t event_at(int column, int sub_lane) const;
  // How many events cover `column` of `sub_lane` (the lane shades dense columns darker), and the
  // most in any column of the lane.
  int count_at(int column, int sub_lane) const;
  int max_count(int sub_lane) const { return max_count_[static_cast<std::size_t>(sub_lane)]; }

 private:
  int columns_ = 0;
  std::vector<std::int64_t> shown_;  // kSubLanes x columns, -1: no event
  std::vector<int> counts_;          // kSubLanes x columns
  int max_count_[kSubLanes] = {0, 0};
  std::vector<Segment> segments_;
};

}  // namespace routelab::gui
