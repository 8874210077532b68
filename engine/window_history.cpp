#include "engine/window_history.hpp"

#include <algorithm>

namespace routelab {

WindowHistory::WindowHistory(std::size_t max_rows) : max_rows_(std::max<std::size_t>(max_rows, 2)) {}

void WindowHistory::merge_into(WindowSpanRecord& into, const WindowSpanRecord& next) {
  WindowFigures& a = into.figures;
  const WindowFigures& b = next.figures;
  const auto wa = static_cast<double>(into.windows);
  const auto wb = static_cast<double>(next.windows);
  a.utilization_mean = (a.utilization_mean * wa + b.utilization_mean * wb) / (wa + wb);
  a.mean_arrivals = (a.mean_arrivals * wa + b.mean_arrivals * wb) / (wa + wb);
  a.arrivals += b.arrivals;
  a.max_arrivals = std::max(a.max_arrivals, b.max_arrivals);
  a.max_over_mean = std::max(a.max_over_mean, b.max_over_mean);
  a.drops += b.drops;
  a.drop_rate = a.arrivals > 0 ? static_cast<double>(a.drops) / static_cast<double>(a.arrivals) : 0.0;
  a.max_peak_queue = std::max(a.max_peak_queue, b.max_peak_queue);
  a.utilization_max = std::max(a.utilization_max, b.utilization_max);
  a.completed_tokens += b.completed_tokens;
  // The p99 of the union is not known from the parts: keep the worse one (NaN-free when either is).
  if (!(a.latency_p99 >= b.latency_p99)) a.latency_p99 = b.latency_p99;
  into.windows += next.windows;
  into.end = next.end;
}

void WindowHistory::add(const LoadWindow& window) {
  const WindowSpanRecord record{window.index, 1, window.start, window.end, window.figures};
  if (!rows_.empty() && rows_.back().windows < stride_) {
    merge_into(rows_.back(), record);
    return;
  }
  if (rows_.size() == max_rows_) {
    // Full: halve the resolution. Every row but possibly the last covers `stride_` windows.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < rows_.size(); i += 2) {
      rows_[kept] = rows_[i];
      if (i + 1 < rows_.size()) merge_into(rows_[kept], rows_[i + 1]);
      ++kept;
    }
    rows_.resize(kept);
    stride_ *= 2;
    if (rows_.back().windows < stride_) {
      merge_into(rows_.back(), record);
      return;
    }
  }
  rows_.push_back(record);
}

}  // namespace routelab
