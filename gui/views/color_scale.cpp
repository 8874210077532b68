#include "gui/views/color_scale.hpp"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace routelab::gui {

namespace {

// Viridis sampled at nine evenly spaced points (matplotlib's table); linear in between.
constexpr float kViridis[9][3] = {
    {0.267f, 0.005f, 0.329f}, {0.283f, 0.141f, 0.458f}, {0.254f, 0.265f, 0.530f},
    {0.207f, 0.372f, 0.553f}, {0.164f, 0.471f, 0.558f}, {0.128f, 0.567f, 0.551f},
    {0.135f, 0.659f, 0.518f}, {0.478f, 0.821f, 0.318f}, {0.993f, 0.906f, 0.144f},
};

QString short_number(double value) {
  if (std::abs(value) >= 10000) return QString::number(value, 'g', 3);
  if (std::abs(value) >= 10 || value == std::floor(value)) return QString::number(value, 'f', 0);
  if (std::abs(value) >= 0.1) return QString::number(value, 'f', 2);
  return QString::number(value, 'g', 2);
}

std::size_t table_index(double position) {
  return static_cast<std::size_t>(std::lround(std::clamp(position, 0.0, 1.0) * 255.0));
}

}  // namespace

QString scale_kind_name(ScaleKind kind) { return kind == ScaleKind::log ? "log" : "linear"; }

ColorScale::ColorScale() {
  for (int i = 0; i < 256; ++i) {
    const float position = static_cast<float>(i) / 255.0f * 8.0f;
    const int low = std::min(static_cast<int>(position), 7);
    const float t = position - static_cast<float>(low);
    auto channel = [&](int c) {
      const float v = kViridis[low][c] + (kViridis[low + 1][c] - kViridis[low][c]) * t;
      return static_cast<int>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
    };
    table_[static_cast<std::size_t>(i)] = qRgb(channel(0), channel(1), channel(2));
  }
  lookup_.assign(kLookupSize, table_[0]);
}

double ColorScale::position(double value, double max_value, ScaleKind kind) {
  if (!(max_value > 0) || !(value > 0)) return 0;
  if (value >= max_value) return 1;
  if (kind == ScaleKind::linear) return value / max_value;
  const double unit = max_value / kLogDynamicRange;
  return std::log1p(value / unit) / std::log1p(kLogDynamicRange);
}

double ColorScale::value_at(double position, double max_value, ScaleKind kind) {
  position = std::clamp(position, 0.0, 1.0);
  if (kind == ScaleKind::linear) return position * max_value;
  const double unit = max_value / kLogDynamicRange;
  return unit * std::expm1(position * std::log1p(kLogDynamicRange));
}

void ColorScale::prepare(ScaleKind kind, float max_value) {
  if (kind == prepared_kind_ && max_value == prepared_max_) return;
  prepared_kind_ = kind;
  prepared_max_ = max_value;
  to_index_ = max_value > 0 ? static_cast<float>(kLookupSize - 1) / max_value : 0.0f;
  for (int i = 0; i < kLookupSize; ++i) {
    const double value = static_cast<double>(i) / (kLookupSize - 1) * max_value;
    lookup_[static_cast<std::size_t>(i)] = table_[table_index(position(value, max_value, kind))];
  }
}

QRgb ColorScale::color(float value, float max_value, ScaleKind kind) const {
  return table_[table_index(position(value, max_value, kind))];
}

void ColorScale::paint_legend(QPainter& painter, const QRect& area, double max_value, ScaleKind kind) const {
  if (area.height() < 8) return;
  const QFontMetrics metrics = painter.fontMetrics();
  painter.setPen(QPen(QColor(60, 60, 60), 1));
  painter.drawText(area.left(), area.top() - 4, scale_kind_name(kind));
  const QRect bar(area.left(), area.top(), 10, area.height());
  for (int y = 0; y < bar.height(); ++y) {
    const double t = 1.0 - static_cast<double>(y) / std::max(bar.height() - 1, 1);
    painter.setPen(QColor::fromRgb(table_[table_index(t)]));
    painter.drawLine(bar.left(), bar.top() + y, bar.right(), bar.top() + y);
  }
  painter.setPen(QPen(QColor(90, 90, 90), 1));
  painter.drawRect(bar.adjusted(0, 0, -1, -1));
  const int text_x = bar.right() + 4;
  painter.drawText(text_x, bar.top() + metrics.ascent(), short_number(max_value));
  if (bar.height() > 3 * metrics.height())
    painter.drawText(text_x, bar.center().y() + metrics.ascent() / 2, short_number(value_at(0.5, max_value, kind)));
  painter.drawText(text_x, bar.bottom(), "0");
}

}  // namespace routelab::gui
