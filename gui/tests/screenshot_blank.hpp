#pragma once
// Whether a screenshot looks blank: the luminance must vary (a blank or single-colour window has
// variance ~0) and many distinct colours must appear. Shared by gui_screenshot_check and the
// person script (person_script_test.cpp).
#include <QImage>

#include <set>

namespace routelab::gui::tests {

inline constexpr double kMinLuminanceVariance = 100;   // an all-grey window scores 0; the real one ~2,000+
inline constexpr std::size_t kMinDistinctColours = 64;  // the viridis heatmap alone brings hundreds

struct ImageSpread {
  double luminance_variance = 0;
  std::size_t distinct_colours = 0;  // counted up to kMinDistinctColours + 1
  bool blank() const { return luminance_variance < kMinLuminanceVariance || distinct_colours < kMinDistinctColours; }
};

inline ImageSpread image_spread(const QImage& image) {
  double sum = 0, sum_squares = 0;
  std::set<QRgb> colours;
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      const QRgb pixel = image.pixel(x, y);
      const double luminance = 0.299 * qRed(pixel) + 0.587 * qGreen(pixel) + 0.114 * qBlue(pixel);
      sum += luminance;
      sum_squares += luminance * luminance;
      if (colours.size() <= kMinDistinctColours) colours.insert(pixel & 0xffffff);
    }
  }
  const double n = static_cast<double>(image.width()) * image.height();
  return {n > 0 ? sum_squares / n - (sum / n) * (sum / n) : 0, colours.size()};
}

}  // namespace routelab::gui::tests
