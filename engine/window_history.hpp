#pragma once
// The history of a run's windows at a resolution that coarsens as the run gets long: at most
// `max_rows` rows; when full, neighbouring rows merge pairwise and each row covers twice as many
// windows. A short run keeps one row per window; a run of any length keeps bounded memory.
// Merged rows add counts (arrivals, drops, completed tokens), keep extremes (peak queue,
// max/mean, utilization max) and average the utilization over the windows they cover.
#include <cstdint>
#include <vector>

#include "engine/metrics.hpp"

namespace routelab {

struct WindowSpanRecord {
  std::int64_t first_index = 0;  // index of the first window covered
  std::int64_t windows = 0;      // windows covered
  Tick start = 0;
  Tick end = 0;
  WindowFigures figures;         // over the windows covered, merged as above
};

class WindowHistory {
 public:
  explicit WindowHistory(std::size_t max_rows = kDefaultMaxRows);

  void add(const LoadWindow& window);
  const std::vector<WindowSpanRecord>& rows() const { return rows_; }
  std::int64_t windows_per_row() const { return stride_; }

  // 16,384 rows of ~120 bytes (2 MiB) a run: every library scenario keeps one row per window.
  static constexpr std::size_t kDefaultMaxRows = 1 << 14;

 private:
  static void merge_into(WindowSpanRecord& into, const WindowSpanRecord& next);

  std::size_t max_rows_;
  std::int64_t stride_ = 1;
  std::vector<WindowSpanRecord> rows_;
};

}  // namespace routelab
