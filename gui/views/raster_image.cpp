#include "gui/views/raster_image.hpp"

#include <QToolTip>

namespace routelab::gui {

void paint_raster_image(const HeatmapRaster& raster, const ColorScale& scale, QImage& image) {
  if (raster.columns <= 0 || raster.rows <= 0) {
    image = QImage();
    return;
  }
  if (image.width() != raster.columns || image.height() != raster.rows)
    image = QImage(raster.columns, raster.rows, QImage::Format_RGB32);
  // Column by column: the raster is read in order, one multiply and one load per pixel.
  const auto rows = static_cast<std::size_t>(raster.rows);
  const auto stride = static_cast<std::size_t>(image.bytesPerLine()) / sizeof(QRgb);
  auto* pixels = reinterpret_cast<QRgb*>(image.bits());
  for (int c = 0; c < raster.columns; ++c) {
    const auto column = static_cast<std::size_t>(c);
    const float* values = raster.values.data() + column * rows;
    QRgb* pixel = pixels + column;
    if (!raster.valid[column]) {
      for (std::size_t r = 0; r < rows; ++r) pixel[r * stride] = scale.no_data();
      continue;
    }
    for (std::size_t r = 0; r < rows; ++r) pixel[r * stride] = scale.lookup(values[r]);
  }
}

void show_hover_card(const QHelpEvent& help, const QString& text, QWidget* view) {
  if (text.isEmpty()) {
    QToolTip::hideText();
  } else {
    QToolTip::showText(help.globalPos(), text, view);
  }
}

}  // namespace routelab::gui
