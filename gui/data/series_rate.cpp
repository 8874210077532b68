#include "gui/data/series_rate.hpp"

#include <algorithm>
#include <vector>

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
    for_each_coverage_part(
        *coverage(), std::max<std::int64_t>(first, 0), last,
        [&](std::int64_t a, std::int64_t b) { widen(result, counts_->envelope(a, b)); },
        [&](std::int64_t window, double fraction) {
          const Envelope count = counts_->envelope(window, window + 1);
          if (count.valid) widen(result, Envelope{count.low / fraction, count.high / fraction, true});
        });
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

const WindowCoverage* rate_coverage(const RunHistory& run, ExpertChannel channel) {
  return is_per_window_count(channel) ? &run.coverage() : nullptr;
}

float channel_rate_max(const RunHistory& run, ExpertChannel channel) {
  const LodMatrix& matrix = run.channel(channel);
  float maximum = matrix.max_value();
  const WindowCoverage* coverage = rate_coverage(run, channel);
  if (!coverage || matrix.rows() == 0) return maximum;
  // Only the partial windows can exceed the channel's maximum: one per run or layer, O(experts) each.
  std::vector<float> column(static_cast<std::size_t>(matrix.rows()));
  for_each_coverage_part(
      *coverage, 0, matrix.columns(), [](std::int64_t, std::int64_t) {},
      [&](std::int64_t window, double fraction) {
        matrix.aggregate(window, window + 1, 0, matrix.rows(), column);
        const float count = *std::max_element(column.begin(), column.end());
        maximum = std::max(maximum, static_cast<float>(count / fraction));
      });
  return maximum;
}

}  // namespace routelab::gui
