#include "gui/views/cluster_heatmap_view.hpp"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

#include "gui/views/raster_image.hpp"

namespace routelab::gui {

namespace {

const QColor kNodeSeparatorColour(255, 255, 255, 170);  // between nodes' GPU rows: visible on viridis

QString number(double value, int decimals = 0) { return QLocale(QLocale::English).toString(value, 'f', decimals); }

// "gpu3-nvswitch0 (->)" -> "g3>sw0", "(<-)" -> "sw0>g3": the direction reads left to right.
QString short_link_label(const std::string& name) {
  QString text = QString::fromStdString(name);
  const bool reverse = text.endsWith("(<-)");
  const auto direction = text.lastIndexOf(" (");
  if (direction > 0) text.truncate(direction);
  text.replace("nvswitch", "sw").replace("fabric", "net").replace("gpu", "g");
  const auto dash = text.indexOf('-');
  if (dash < 0) return text;
  const QString a = text.left(dash), b = text.mid(dash + 1);
  return reverse ? b + ">" + a : a + ">" + b;
}

}  // namespace

ClusterHeatmapView::ClusterHeatmapView(TimeAxis& axis, const RunHistory& run, ClusterMatrix which,
                                       const ClusterStyle& style, QColor run_colour, QWidget* parent)
    : TimeView(axis, parent), run_(run), cluster_(*run.cluster()), which_(which), style_(style), run_colour_(run_colour) {}

int ClusterHeatmapView::rows() const { return which_ == ClusterMatrix::gpu_tokens ? cluster_.gpus() : cluster_.links(); }

QSize ClusterHeatmapView::minimumSizeHint() const {
  const int per_row = which_ == ClusterMatrix::gpu_tokens ? kMinPixelsPerRow : kMinPixelsPerLink;
  const int plot = std::min(rows() * per_row, kMaxMinimumPlotHeight);
  return {320, top_margin() + bottom_margin() + std::max(plot, 40)};
}

int ClusterHeatmapView::row_at(double y) const {
  const QRect plot = plot_rect();
  if (rows() == 0 || y < plot.top() || y > plot.bottom() || plot.height() <= 0) return -1;
  return std::clamp(static_cast<int>((y - plot.top()) * rows() / plot.height()), 0, rows() - 1);
}

QString ClusterHeatmapView::row_name(int row) const {
  if (row < 0 || row >= rows()) return {};
  if (which_ == ClusterMatrix::gpu_tokens)
    return QString("GPU %1 (node %2)").arg(row).arg(cluster_.layout().node_of_gpu[static_cast<std::size_t>(row)]);
  return QString::fromStdString(cluster_.layout().link_names[static_cast<std::size_t>(row)]);
}

QString ClusterHeatmapView::row_label(int row) const {
  if (row < 0 || row >= rows()) return {};
  if (which_ == ClusterMatrix::gpu_tokens) return QString("g%1").arg(row);
  return short_link_label(cluster_.layout().link_names[static_cast<std::size_t>(row)]);
}

std::int64_t ClusterHeatmapView::cluster_limit() const {
  // Replayed to a limit: the cluster windows wholly before it (a longer one holds later steps too).
  // Not limited (live, or replayed to the end): all of them, the last one reaching past the run's end.
  if (axis_.limit() >= run_.windows()) return cluster_.windows();
  return cluster_.window_of_run_window(axis_.limit());
}

std::int64_t ClusterHeatmapView::data_limit() const { return cluster_limit() * cluster_.span_windows(); }

QString ClusterHeatmapView::per_window_text() const {
  if (cluster_.span_windows() == 1) return "per window";
  return QString("per %1 windows (a batch interval)").arg(cluster_.span_windows());
}

QString ClusterHeatmapView::title() const {
  const ClusterTotals totals = cluster_.totals();
  QString text = QString::fromStdString(run_.label()) + "  -  ";
  if (which_ == ClusterMatrix::gpu_tokens) {
    text += "GPU load: copies computed " + per_window_text();
    if (totals.steps > 0)
      text += QString::fromUtf8("   (run: step mean %1 \u00b5s, straggler %2)")
                  .arg(number(totals.step_time_mean))
                  .arg(number(totals.straggler_ratio, 2));
  } else {
    text += QString::fromUtf8("link busy time %1 (\u00b5s, dispatch + combine)").arg(per_window_text());
    if (totals.busiest_link >= 0)
      text += QString("   (busiest: %1, %2% of the step time)")
                  .arg(QString::fromStdString(cluster_.layout().link_names[static_cast<std::size_t>(totals.busiest_link)]))
                  .arg(number(totals.link_utilization_max * 100, 1));
  }
  if (style_.scale == ScaleKind::log) text += " (log scale)";
  return text;
}

void ClusterHeatmapView::rasterize(const QRect& plot, HeatmapRaster& raster) const {
  // The axis counts the run's windows; the matrix has one column per span_windows() of them.
  const auto span = static_cast<double>(cluster_.span_windows());
  rasterize_heatmap(cluster_.matrix(which_), axis_.first() / span, windows_per_pixel() / span, plot.width(),
                    cluster_limit(), plot.height(), raster);
}

HeatmapRaster ClusterHeatmapView::current_raster() const {
  HeatmapRaster raster;
  if (cluster_.has_layout()) rasterize(plot_rect(), raster);
  return raster;
}

void ClusterHeatmapView::render_image(const QRect& plot) {
  const CacheKey key{axis_.first(), axis_.last(), data_limit(), plot.size(), cluster_.version(), static_cast<int>(which_),
                     style_.scale, style_.max_of(which_)};
  if (key == cache_key_ && !image_.isNull()) return;
  cache_key_ = key;
  if (!cluster_.has_layout()) {  // no step yet: nothing to paint
    image_ = QImage();
    return;
  }
  rasterize(plot, raster_);
  scale_.prepare(style_.scale, style_.max_of(which_));
  paint_raster_image(raster_, scale_, image_);
}

void ClusterHeatmapView::paint_content(QPainter& painter) {
  const QRect plot = plot_rect();
  if (plot.width() <= 0 || plot.height() <= 0) return;
  render_image(plot);
  if (!image_.isNull()) painter.drawImage(plot, image_);
  paint_uncovered(painter, plot, run_.coverage(), std::min(run_.windows(), axis_.limit()), data_limit());
  paint_time_grid(painter);
  paint_rows(painter, plot);
  scale_.paint_legend(painter, QRect(plot.right() + 8, plot.top(), kRightMargin - 12, plot.height()),
                      style_.max_of(which_), style_.scale);
  const QFontMetrics metrics = painter.fontMetrics();
  painter.fillRect(QRect(plot.left(), 2, 10, 10), run_colour_);
  painter.setPen(palette().windowText().color());
  painter.drawText(plot.left() + 14, 1 + metrics.ascent(), metrics.elidedText(title(), Qt::ElideRight, width() - plot.left() - 18));
}

void ClusterHeatmapView::paint_rows(QPainter& painter, const QRect& plot) const {
  const int count = rows();
  if (count == 0) return;
  painter.save();
  const double row_height = static_cast<double>(plot.height()) / count;
  // Node boundaries between GPU rows: which GPUs share a switch is what the traffic depends on.
  if (which_ == ClusterMatrix::gpu_tokens) {
    painter.setPen(QPen(kNodeSeparatorColour, 1));
    const auto& nodes = cluster_.layout().node_of_gpu;
    for (int g = 1; g < count; ++g)
      if (nodes[static_cast<std::size_t>(g)] != nodes[static_cast<std::size_t>(g - 1)])
        painter.drawLine(QPointF(plot.left(), plot.top() + g * row_height), QPointF(plot.right(), plot.top() + g * row_height));
  }
  const QFontMetrics metrics = painter.fontMetrics();
  const int label_rows = std::max(1, plot.height() / (metrics.height() + 2));
  const int step = std::max(1, (count + label_rows - 1) / label_rows);
  painter.setPen(palette().windowText().color());
  for (int r = 0; r < count; r += step) {
    const QString text = metrics.elidedText(row_label(r), Qt::ElideRight, kLeftMargin - 8);
    const double y = plot.top() + (r + 0.5) * row_height;
    painter.drawText(QPointF(plot.left() - 6 - metrics.horizontalAdvance(text), y + metrics.ascent() / 2.0 - 1), text);
  }
  painter.restore();
}

QString ClusterHeatmapView::hover_text_at(QPoint position) const {
  const int row = row_at(position.y());
  const auto run_window = static_cast<std::int64_t>(std::floor(window_at(position.x())));
  if (!cluster_.has_layout() || row < 0 || run_window < 0 || run_window >= data_limit() ||
      !plot_rect().contains(position))
    return {};
  const std::int64_t window = cluster_.window_of_run_window(run_window);
  int level = 0;
  const double value = cluster_.matrix(which_).aggregate_row(window, window + 1, row, &level);
  const std::int64_t span = cluster_.span_windows();
  const QString windows = span == 1 ? QString("window %1").arg(window)
                                    : QString("windows %1-%2").arg(window * span).arg(window * span + span - 1);
  QString text = QString("%1  %2, %3\n").arg(QString::fromStdString(run_.label()), row_name(row), windows);
  if (which_ == ClusterMatrix::gpu_tokens) {
    text += QString("copies computed: %1").arg(number(value));
  } else {
    const double step_us = cluster_.scalar(ClusterScalar::step_sum_us)[static_cast<std::size_t>(window)];
    text += QString::fromUtf8("busy: %1 \u00b5s").arg(number(value, 2));
    if (step_us > 0 && level == 0)
      text += QString::fromUtf8(" of the %1 \u00b5s step time (%2%)").arg(number(step_us)).arg(number(value / step_us * 100, 1));
  }
  if (level > 0) text += QString(" (max of %1 windows)").arg(1 << (LodMatrix::kFanoutBits * level));
  return text;
}

bool ClusterHeatmapView::event(QEvent* event) {
  if (event->type() != QEvent::ToolTip) return TimeView::event(event);
  const auto* help = static_cast<QHelpEvent*>(event);
  show_hover_card(*help, hover_text_at(help->pos()), this);
  return true;
}

}  // namespace routelab::gui
