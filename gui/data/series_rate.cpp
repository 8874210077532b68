#include "gui/data/series_rate.hpp"

#include <algorithm>

namespace routelab::gui {

namespace {

void widen(Envelope& result, const Envelope& part) {
  if (!part.valid) return;
  if (!result.valid) {
    result = part;
    return;
  }
  result.low = std::min(result.low, part.low);
  result.high = std::max(result.high, part.high);
}

class PerWindowRate : public SeriesSource {
 public:
  explicit PerWindowRate(std::shared_ptr<const SeriesSource> counts) : counts_(std::move(counts)) {}
  std::int64_t size() const override { return counts_->size(); }
  const WindowCoverage* coverage() const override { return counts_->coverage(); }
  Envelope envelope(std::int64_t first, std::int64_t last) const override {
    // Whole windows between the partial ones keep the count source's envelope (its pyramid's, for
    // an expert channel); each partial window is scaled on its own.
    Envelope result;
    std::int64_t from = std::max<std::int64_t>(first, 0);
    for (const PartialWindow& partial : coverage()->partial_in(from, last)) {
      if (from < partial.index) widen(result, counts_->envelope(from, partial.index));
      const Envelope count = counts_->envelope(partial.index, partial.index + 1);
      const double fraction = coverage()->fraction(partial.index);
      if (count.valid) widen(result, Envelope{count.low / fraction, count.high / fraction, true});
      from = partial.index + 1;
    }
    if (from < last) widen(result, counts_->envelope(from, last));
    return result;
  }

 private:
  std::shared_ptr<const SeriesSource> counts_;
};

}  // namespace

std::shared_ptr<const SeriesSource> per_window_rate(std::shared_ptr<const SeriesSource> source) {
  if (!source || !source->per_window_count() || !source->coverage()) return source;
  return std::make_shared<PerWindowRate>(std::move(source));
}

}  // namespace routelab::gui
