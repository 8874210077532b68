#include "gui/data/series_source.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace routelab::gui {

namespace {

class ScalarSeries : public SeriesSource {
 public:
  ScalarSeries(const RunHistory& run, WindowScalar which) : run_(run), which_(which) {}
  std::int64_t size() const override { return run_.windows(); }
  bool per_window_count() const override { return is_per_window_count(which_); }
  Envelope envelope(std::int64_t first, std::int64_t last) const override {
    const auto values = run_.scalar(which_);
    first = std::max<std::int64_t>(first, 0);
    last = std::min<std::int64_t>(last, static_cast<std::int64_t>(values.size()));
    return envelope_of(first, last, [&](std::int64_t w) { return values[static_cast<std::size_t>(w)]; });
  }
  const WindowCoverage* coverage() const override { return &run_.coverage(); }

 private:
  const RunHistory& run_;
  WindowScalar which_;
};

class ExpertSeries : public SeriesSource {
 public:
  ExpertSeries(const RunHistory& run, ExpertChannel which, int expert) : run_(run), which_(which), expert_(expert) {}
  std::int64_t size() const override { return run_.windows(); }
  bool per_window_count() const override { return is_per_window_count(which_); }
  Envelope envelope(std::int64_t first, std::int64_t last) const override {
    const LodMatrix& matrix = run_.channel(which_);
    first = std::max<std::int64_t>(first, 0);
    last = std::min(last, matrix.columns());
    if (first >= last || expert_ < 0 || expert_ >= matrix.rows()) return {};
    if (last - first == 1) {
      const double v = matrix.aggregate_row(first, last, expert_);
      return Envelope{v, v, true};
    }
    // The pyramid keeps maxima only; the low edge of a zoomed-out column is the lower of its two
    // halves' maxima, which keeps the drawn band honest about variation inside the column.
    const std::int64_t mid = first + (last - first) / 2;
    const double a = matrix.aggregate_row(first, mid, expert_);
    const double b = matrix.aggregate_row(mid, last, expert_);
    return Envelope{std::min(a, b), std::max(a, b), true};
  }
  const WindowCoverage* coverage() const override { return &run_.coverage(); }

 private:
  const RunHistory& run_;
  ExpertChannel which_;
  int expert_;
};

// The maximum over every expert of one channel (the per-expert chart with no expert selected).
class ChannelMaxSeries : public SeriesSource {
 public:
  ChannelMaxSeries(const RunHistory& run, ExpertChannel which) : run_(run), which_(which) {}
  std::int64_t size() const override { return run_.windows(); }
  bool per_window_count() const override { return is_per_window_count(which_); }
  Envelope envelope(std::int64_t first, std::int64_t last) const override {
    const LodMatrix& matrix = run_.channel(which_);
    first = std::max<std::int64_t>(first, 0);
    last = std::min(last, matrix.columns());
    if (first >= last || matrix.rows() == 0) return {};
    if (last - first == 1) {
      const double v = max_over_experts(first, last);
      return Envelope{v, v, true};
    }
    // As for one expert: the low edge is the lower of the two halves' maxima.
    const std::int64_t mid = first + (last - first) / 2;
    const double a = max_over_experts(first, mid);
    const double b = max_over_experts(mid, last);
    return Envelope{std::min(a, b), std::max(a, b), true};
  }
  const WindowCoverage* coverage() const override { return &run_.coverage(); }

 private:
  double max_over_experts(std::int64_t first, std::int64_t last) const {
    const LodMatrix& matrix = run_.channel(which_);
    scratch_.resize(static_cast<std::size_t>(matrix.rows()));
    matrix.aggregate(first, last, 0, matrix.rows(), scratch_);
    return *std::max_element(scratch_.begin(), scratch_.end());
  }

  const RunHistory& run_;
  ExpertChannel which_;
  mutable std::vector<float> scratch_;  // one row per expert, reused (charts paint on the UI thread only)
};

}  // namespace

double SeriesSource::end_window() const {
  const WindowCoverage* covered = coverage();
  return covered ? covered->end_window(size()) : static_cast<double>(size());
}

double SeriesSource::point_window(std::int64_t window) const {
  const WindowCoverage* covered = coverage();
  return covered ? covered->covered_middle(window) : static_cast<double>(window) + 0.5;
}

double SeriesSource::value_at(std::int64_t window) const {
  const Envelope e = envelope(window, window + 1);
  return e.valid ? e.high : std::numeric_limits<double>::quiet_NaN();
}

std::unique_ptr<SeriesSource> scalar_series(const RunHistory& run, WindowScalar which) {
  return std::make_unique<ScalarSeries>(run, which);
}

std::unique_ptr<SeriesSource> expert_series(const RunHistory& run, ExpertChannel which, int expert) {
  return std::make_unique<ExpertSeries>(run, which, expert);
}

std::unique_ptr<SeriesSource> channel_max_series(const RunHistory& run, ExpertChannel which) {
  // Two channels have the maximum as a per-window scalar already: no pyramid walk over every expert.
  if (which == ExpertChannel::load) return scalar_series(run, WindowScalar::max_load);
  if (which == ExpertChannel::queue) return scalar_series(run, WindowScalar::max_queue);
  return std::make_unique<ChannelMaxSeries>(run, which);
}

}  // namespace routelab::gui
