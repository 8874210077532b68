#pragma once
// The heatmap's colour scale: a 256-entry viridis lookup table (perceptually uniform, readable in
// grey and by most colour-blind viewers) and its legend.
#include <QColor>
#include <QRect>
#include <QString>

#include <array>

class QPainter;

namespace routelab::gui {

class ColorScale {
 public:
  ColorScale();
  QRgb color(float value, float max_value) const;
  const std::array<QRgb, 256>& table() const { return table_; }
  QRgb no_data() const { return qRgb(224, 224, 224); }
  // A vertical bar in `area` from 0 (bottom) to max_value (top) with three labels.
  void paint_legend(QPainter& painter, const QRect& area, double max_value) const;

 private:
  std::array<QRgb, 256> table_{};
};

}  // namespace routelab::gui
