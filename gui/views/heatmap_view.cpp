#include "gui/views/heatmap_view.hpp"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace routelab::gui {

HeatmapView::HeatmapView(TimeAxis& axis, const RunHistory& run, const HeatmapStyle& style, QColor run_colour,
                         QWidget* parent)
    : TimeView(axis, parent), run_(run), style_(style), run_colour_(run_colour) {
  connect(this, &TimeView::clicked, this, [this](double window, QPointF position) {
    const int expert = expert_at(position.y());
    if (expert >= 0) {
      axis_.set_highlighted_expert(expert);
      emit expert_clicked(expert, window);
    }
  });
}

int HeatmapView::expert_at(double y) const {
  const QRect plot = plot_rect();
  if (y < plot.top() || y > plot.bottom() || plot.height() <= 0) return -1;
  const int expert = static_cast<int>((y - plot.top()) * run_.experts() / plot.height());
  return std::clamp(expert, 0, run_.experts() - 1);
}

HeatmapRaster HeatmapView::current_raster() const {
  HeatmapRaster raster;
  const QRect plot = plot_rect();
  rasterize_heatmap(run_.channel(style_.channel), axis_.first(), windows_per_pixel(), plot.width(), axis_.limit(),
                    plot.height(), raster);
  return raster;
}

void HeatmapView::render_image(const QRect& plot) {
  const CacheKey key{axis_.first(), axis_.last(), axis_.limit(), plot.size(), run_.version(), style_.channel,
                     style_.scale_max};
  if (key == cache_key_ && !image_.isNull()) return;
  cache_key_ = key;
  rasterize_heatmap(run_.channel(style_.channel), axis_.first(), windows_per_pixel(), plot.width(), axis_.limit(),
                    plot.height(), raster_);
  if (raster_.columns <= 0 || raster_.rows <= 0) {
    image_ = QImage();
    return;
  }
  if (image_.width() != raster_.columns || image_.height() != raster_.rows)
    image_ = QImage(raster_.columns, raster_.rows, QImage::Format_RGB32);
  // Column by column: the raster is read in order; the scale factor is computed once per frame.
  const auto rows = static_cast<std::size_t>(raster_.rows);
  const auto& table = scale_.table();
  const float to_index = style_.scale_max > 0 ? 255.0f / style_.scale_max : 0.0f;
  const auto stride = static_cast<std::size_t>(image_.bytesPerLine()) / sizeof(QRgb);
  auto* pixels = reinterpret_cast<QRgb*>(image_.bits());
  for (int c = 0; c < raster_.columns; ++c) {
    const auto column = static_cast<std::size_t>(c);
    const float* values = raster_.values.data() + column * rows;
    QRgb* pixel = pixels + column;
    if (!raster_.valid[column]) {
      for (std::size_t r = 0; r < rows; ++r) pixel[r * stride] = scale_.no_data();
      continue;
    }
    for (std::size_t r = 0; r < rows; ++r)
      pixel[r * stride] = table[static_cast<std::size_t>(std::clamp(values[r] * to_index + 0.5f, 0.0f, 255.0f))];
  }
}

void HeatmapView::paint_content(QPainter& painter) {
  const QRect plot = plot_rect();
  if (plot.width() <= 0 || plot.height() <= 0) return;
  render_image(plot);
  if (!image_.isNull()) painter.drawImage(plot, image_);
  paint_partial_end(painter, plot, run_.end_window(), static_cast<double>(std::min(run_.windows(), axis_.limit())));
  paint_time_grid(painter);
  paint_events(painter, plot);

  const int expert = axis_.highlighted_expert();
  if (expert >= 0 && expert < run_.experts()) {
    const double row_height = static_cast<double>(plot.height()) / run_.experts();
    const QRectF row(plot.left(), plot.top() + expert * row_height, plot.width(), std::max(row_height, 2.0));
    painter.setPen(QPen(QColor(0, 230, 255), 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(row.adjusted(-1, -1, 1, 1));
  }
  scale_.paint_legend(painter, QRect(plot.right() + 8, plot.top(), kRightMargin - 12, plot.height()), style_.scale_max);
  paint_labels(painter, plot);
}

void HeatmapView::paint_events(QPainter& painter, const QRect& plot) const {
  const auto& events = run_.events();
  const double first = axis_.first();
  const double last = axis_.last();
  const auto limit = static_cast<double>(axis_.limit());
  int in_view = 0;
  for (const OverloadEvent& event : events) {
    const double start = run_.window_of_tick(event.start);
    const double end = run_.window_of_tick(event.end);
    if (end >= first && start < last && start < limit) ++in_view;
  }
  if (in_view == 0) return;
  painter.save();
  painter.setClipRect(plot.adjusted(0, -6, 0, 0));
  const double row_height = static_cast<double>(plot.height()) / run_.experts();
  if (in_view > kMaxEventSpans) {
    // Too many to draw one by one: a tick per pixel column along the top edge.
    std::vector<unsigned char> marked(static_cast<std::size_t>(plot.width() + 1), 0);
    painter.setPen(QPen(QColor(255, 255, 255), 1));
    for (const OverloadEvent& event : events) {
      const double start = run_.window_of_tick(event.start);
      if (start < first || start >= last || start >= limit) continue;
      const int x = static_cast<int>(x_of(start));
      const auto slot = static_cast<std::size_t>(std::clamp(x - plot.left(), 0, plot.width()));
      if (marked[slot]) continue;
      marked[slot] = 1;
      painter.drawLine(x, plot.top() - 5, x, plot.top());
    }
    painter.restore();
    return;
  }
  const bool triangles = in_view <= kMaxEventMarkers &&
                         static_cast<qint64>(in_view) * kPixelsPerMarker <= static_cast<qint64>(plot.width()) * plot.height();
  painter.setRenderHint(QPainter::Antialiasing, triangles);
  for (const OverloadEvent& event : events) {
    const double start = run_.window_of_tick(event.start);
    const double end = run_.window_of_tick(event.end);
    if (end < first || start >= last || start >= limit) continue;
    const double y = plot.top() + (event.expert + 0.5) * row_height;
    const double x0 = x_of(start);
    const double x1 = std::max(x_of(std::min(end, limit)), x0 + 2);
    QColor colour = event.cause == OverloadCause::queue_above_threshold ? QColor(255, 255, 255) : QColor(255, 80, 200);
    if (!triangles) {
      colour.setAlpha(170);
      painter.setPen(QPen(colour, std::clamp(row_height * 0.5, 1.0, 2.0)));
      painter.drawLine(QPointF(x0, y), QPointF(x1, y));
      continue;
    }
    painter.setPen(QPen(colour, std::clamp(row_height * 0.4, 1.0, 3.0)));
    painter.drawLine(QPointF(x0, y), QPointF(x1, y));
    QPolygonF marker;
    marker << QPointF(x0 - 4, y - 7) << QPointF(x0 + 4, y - 7) << QPointF(x0, y - 1);
    painter.setPen(QPen(Qt::black, 1));
    painter.setBrush(colour);
    painter.drawPolygon(marker);
  }
  painter.restore();
}

void HeatmapView::paint_labels(QPainter& painter, const QRect& plot) const {
  painter.save();
  const QFontMetrics metrics = painter.fontMetrics();
  // Run name and what the colour means, above the plot.
  QString title = QString::fromStdString(run_.label()) + "  -  " +
                  QString::fromUtf8(channel_title(style_.channel).data(),
                                    static_cast<int>(channel_title(style_.channel).size()));
  if (raster_.coarsest_level > 0)
    title += QString("  (older detail: %1-window max)").arg(1 << (LodMatrix::kFanoutBits * raster_.coarsest_level));
  painter.fillRect(QRect(plot.left(), 2, 10, 10), run_colour_);
  painter.setPen(palette().windowText().color());
  painter.drawText(plot.left() + 14, 1 + metrics.ascent(), title);
  // Expert index labels on the left.
  const int experts = run_.experts();
  const int label_rows = std::max(1, plot.height() / (metrics.height() + 4));
  const int step = std::max(1, (experts + label_rows - 1) / label_rows);
  for (int e = 0; e < experts; e += step) {
    const double y = plot.top() + (e + 0.5) * plot.height() / experts;
    const QString text = QString("e%1").arg(e);
    painter.drawText(QPointF(plot.left() - 6 - metrics.horizontalAdvance(text), y + metrics.ascent() / 2.0 - 1), text);
  }
  painter.restore();
}

bool HeatmapView::event(QEvent* event) {
  if (event->type() != QEvent::ToolTip) return TimeView::event(event);
  const auto* help = static_cast<QHelpEvent*>(event);
  const int expert = expert_at(help->pos().y());
  const auto window = static_cast<std::int64_t>(std::floor(window_at(help->pos().x())));
  const LodMatrix& matrix = run_.channel(style_.channel);
  if (expert < 0 || window < 0 || window >= std::min(matrix.columns(), axis_.limit()) ||
      !plot_rect().contains(help->pos())) {
    QToolTip::hideText();
    return true;
  }
  int level = 0;
  const float value = matrix.aggregate_row(window, window + 1, expert, &level);
  QString text = QString("%1  expert %2, window %3\n%4: %5")
                     .arg(QString::fromStdString(run_.label()))
                     .arg(expert)
                     .arg(window)
                     .arg(QString::fromUtf8(channel_key(style_.channel).data(), static_cast<int>(channel_key(style_.channel).size())))
                     .arg(static_cast<double>(value));
  if (level > 0) text += QString(" (max of %1 windows)").arg(1 << (LodMatrix::kFanoutBits * level));
  QToolTip::showText(help->globalPos(), text, this);
  return true;
}

}  // namespace routelab::gui
