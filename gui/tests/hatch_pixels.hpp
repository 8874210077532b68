#pragma once
// The hatch the views paint over uncovered spans (TimeView::paint_uncovered), found in a grabbed
// image: shared by the partial-window suites.
#include <QImage>

#include <cmath>

namespace routelab::gui::tests {

// A grey clearly darker than the view's background: the hatch (black at alpha 60), not a grid
// line (alpha 28) nor the background itself.
inline bool is_hatch_pixel(QRgb pixel, QRgb base) {
  return qRed(pixel) == qGreen(pixel) && qGreen(pixel) == qBlue(pixel) && qGray(base) - qGray(pixel) >= 45;
}

// The share of hatch pixels in x [left, right], y [top, bottom] (whole pixels inside the bounds).
inline double hatch_share(const QImage& image, double left, double right, int top, int bottom, QRgb base) {
  int hatched = 0, all = 0;
  for (int x = static_cast<int>(std::ceil(left)); x <= static_cast<int>(std::floor(right)); ++x)
    for (int y = top; y <= bottom; ++y, ++all)
      if (is_hatch_pixel(image.pixel(x, y), base)) ++hatched;
  return all > 0 ? static_cast<double>(hatched) / all : 0;
}

}  // namespace routelab::gui::tests
