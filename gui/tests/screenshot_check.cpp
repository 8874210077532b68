// Checks a routelab-gui screenshot: the expected size, and not blank -- the luminance must vary
// (a blank or single-colour window has variance ~0) and many distinct colours must appear.
#include <QImage>

#include <cstdio>
#include <cstdlib>

#include "gui/tests/screenshot_blank.hpp"

int main(int argc, char** argv) {
  using namespace routelab::gui::tests;
  if (argc != 4) {
    std::fprintf(stderr, "usage: gui_screenshot_check FILE.png WIDTH HEIGHT\n");
    return 2;
  }
  const QImage image(QString::fromLocal8Bit(argv[1]));
  if (image.isNull()) {
    std::fprintf(stderr, "screenshot check: cannot read '%s' as an image\n", argv[1]);
    return 1;
  }
  const int width = std::atoi(argv[2]);
  const int height = std::atoi(argv[3]);
  if (image.width() != width || image.height() != height) {
    std::fprintf(stderr, "screenshot check: size %dx%d, expected %dx%d\n", image.width(), image.height(), width, height);
    return 1;
  }
  const ImageSpread spread = image_spread(image);
  std::printf("screenshot check: %dx%d, luminance variance %.1f, distinct colours >= %zu\n", image.width(),
              image.height(), spread.luminance_variance, spread.distinct_colours);
  if (spread.blank()) {
    std::fprintf(stderr, "screenshot check: the image looks blank\n");
    return 1;
  }
  return 0;
}
