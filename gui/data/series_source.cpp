#include "gui/data/series_source.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace routelab::gui {

namespace {

class ScalarSeries : public SeriesSource {
 public:
  ScalarSeries(const RunHistory& run, WindowScalar which) : run_(run), which_(which) {}
  std::int64_t size() const override { return run_.windows(); }
  Envelope envelope(std::int64_t first, std::int64_t last) const override {
    const auto values = run_.scalar(which_);
    first = std::max<std::int64_t>(first, 0);
    last = std::min<std::int64_t>(last, static_cast<std::int64_t>(values.size()));
    Envelope result;
    for (std::int64_t w = first; w < last; ++w) {
      const double v = values[static_cast<std::size_t>(w)];
      if (std::isnan(v)) continue;
      if (!result.valid) {
        result = Envelope{v, v, true};
      } else {
        result.low = std::min(result.low, v);
        result.high = std::max(result.high, v);
      }
    }
    return result;
  }

 private:
  const RunHistory& run_;
  WindowScalar which_;
};

class ExpertSeries : public SeriesSource {
 public:
  ExpertSeries(const RunHistory& run, ExpertChannel which, int expert) : run_(run), which_(which), expert_(expert) {}
  std::int64_t size() const override { return run_.windows(); }
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

 private:
  const RunHistory& run_;
  ExpertChannel which_;
  int expert_;
};

}  // namespace

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

}  // namespace routelab::gui
