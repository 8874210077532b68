// Checks a routelab-gui screenshot: the expected size, and not blank -- the luminance must vary
// (a blank or single-colour window has variance ~0) and many distinct colours must appear.
#include <QGuiApplication>
#include <QImage>

#include <cstdio>
#include <cstdlib>
#include <set>

namespace {
constexpr double kMinLuminanceVariance = 100;  // an all-grey window scores 0; the real one ~2,000+
constexpr std::size_t kMinDistinctColours = 64;  // the viridis heatmap alone brings hundreds
}  // namespace

int main(int argc, char** argv) {
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
  const double variance = sum_squares / n - (sum / n) * (sum / n);
  std::printf("screenshot check: %dx%d, luminance variance %.1f, distinct colours >= %zu\n", image.width(),
              image.height(), variance, colours.size());
  if (variance < kMinLuminanceVariance || colours.size() < kMinDistinctColours) {
    std::fprintf(stderr, "screenshot check: the image looks blank\n");
    return 1;
  }
  return 0;
}
