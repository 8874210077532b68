#pragma once
// One line of a chart, as a function of the window index: a per-window scalar of a run, or one
// expert's channel. Charts ask for the min/max envelope of each pixel column, so drawing costs
// O(pixels) lines however many windows the run has.
#include <cstdint>
#include <memory>

#include "gui/data/run_history.hpp"

namespace routelab::gui {

struct Envelope {
  double low = 0;
  double high = 0;
  bool valid = false;  // false: no data in the range (or only NaN, e.g. no token completed)
};

class SeriesSource {
 public:
  virtual ~SeriesSource() = default;
  virtual std::int64_t size() const = 0;
  virtual Envelope envelope(std::int64_t first, std::int64_t last) const = 0;  // windows [first, last)
  // How much of each window the run covered (RunHistory::coverage()); null: every window is whole.
  virtual const WindowCoverage* coverage() const { return nullptr; }
  // True for a count over the window (is_per_window_count), which a partial window holds less
  // of: LineChartView::set_lines shows such a line as a rate (series_rate.hpp).
  virtual bool per_window_count() const { return false; }
  // Where the data ends, in windows: below size() when the last window is partial (it ends with
  // the run, RunHistory::end_window()), so a chart can draw that window as partial.
  double end_window() const;
  // Where window `window`'s value is drawn, in windows: the middle of the part of it the run covered.
  double point_window(std::int64_t window) const;
  double value_at(std::int64_t window) const;  // NaN when out of range or missing
};

// The envelope of value_at(w) over windows [first, last), NaN values left out.
template <class ValueAt>
Envelope envelope_of(std::int64_t first, std::int64_t last, ValueAt value_at) {
  Envelope result;
  for (std::int64_t w = first; w < last; ++w) {
    const double v = value_at(w);
    if (v != v) continue;  // NaN: no value in this window
    if (!result.valid) {
      result = Envelope{v, v, true};
    } else {
      result.low = v < result.low ? v : result.low;
      result.high = v > result.high ? v : result.high;
    }
  }
  return result;
}

std::unique_ptr<SeriesSource> scalar_series(const RunHistory& run, WindowScalar which);
// Expert channels are read from the pyramid: zoomed out, a column's envelope is its max.
std::unique_ptr<SeriesSource> expert_series(const RunHistory& run, ExpertChannel which, int expert);
// The maximum of a channel over every expert, per window.
std::unique_ptr<SeriesSource> channel_max_series(const RunHistory& run, ExpertChannel which);

}  // namespace routelab::gui
