#pragma once
// The heatmap's colour scale: viridis (perceptually uniform, readable in grey and by most
// colour-blind viewers) on a linear or a logarithmic value scale, and its legend.
#include <QColor>
#include <QRect>
#include <QString>

#include <array>
#include <vector>

class QPainter;

namespace routelab::gui {

enum class ScaleKind { linear, log };

class ColorScale {
 public:
  // The log scale spans this many times below the maximum (three decades): a value of one
  // hundredth of the maximum sits a third up the colour bar, so a rare small load stays visible
  // beside a hot expert, and 0 still maps to the bottom colour.
  static constexpr double kLogDynamicRange = 1000;
  // Values are mapped through a lookup of this many steps (16 per colour of the table): one
  // multiply and one load per pixel on either scale, no libm call in the raster loop.
  static constexpr int kLookupSize = 4096;

  ColorScale();

  // Where `value` sits on the bar, 0 (bottom) to 1 (top), and the inverse (the legend's labels).
  static double position(double value, double max_value, ScaleKind kind);
  static double value_at(double position, double max_value, ScaleKind kind);

  // The colour of `value` under the scale set by prepare().
  void prepare(ScaleKind kind, float max_value);  // rebuilds the lookup only when either changed
  QRgb lookup(float value) const {
    const float index = value * to_index_ + 0.5f;
    return lookup_[static_cast<std::size_t>(index < 0 ? 0.0f : (index > kLookupSize - 1 ? kLookupSize - 1 : index))];
  }
  QRgb color(float value, float max_value, ScaleKind kind = ScaleKind::linear) const;
  const std::array<QRgb, 256>& table() const { return table_; }
  QRgb no_data() const { return qRgb(224, 224, 224); }
  // A vertical bar in `area` from 0 (bottom) to max_value (top), labelled at positions 0, 1/2 and
  // 1 of the scale, the scale's name ("linear"/"log") above it.
  void paint_legend(QPainter& painter, const QRect& area, double max_value, ScaleKind kind) const;

 private:
  std::array<QRgb, 256> table_{};
  std::vector<QRgb> lookup_;
  ScaleKind prepared_kind_ = ScaleKind::linear;
  float prepared_max_ = -1;
  float to_index_ = 0;
};

QString scale_kind_name(ScaleKind kind);

}  // namespace routelab::gui
