#include "gui/views/line_chart_view.hpp"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

#include "gui/data/column_mapping.hpp"
#include "gui/data/series_rate.hpp"
#include "gui/views/nice_ticks.hpp"

namespace routelab::gui {

LineChartView::LineChartView(TimeAxis& axis, QString title, QWidget* parent)
    : TimeView(axis, parent), title_(std::move(title)) {}

void LineChartView::set_lines(std::vector<ChartLine> lines) {
  // Here, once for every chart: a count's partial last window is a rate like its full windows.
  for (ChartLine& line : lines) line.source = per_window_rate(std::move(line.source));
  lines_ = std::move(lines);
  update();
}

double LineChartView::data_end_window() const {
  double end = 0;
  for (const ChartLine& line : lines_) end = std::max(end, line.source->end_window());
  return end;
}

std::int64_t LineChartView::data_windows() const {
  std::int64_t windows = 0;
  for (const ChartLine& line : lines_) windows = std::max(windows, line.source->size());
  return std::min(windows, axis_.limit());
}

std::vector<UncoveredSpan> LineChartView::uncovered() const {
  std::vector<CoveredRun> runs;
  for (const ChartLine& line : lines_)
    runs.push_back({line.source->coverage(), std::min(line.source->size(), axis_.limit())});
  return uncovered_spans(runs, first_visible_window(), last_visible_window(data_windows()));
}

void LineChartView::set_event_tracks(std::vector<EventTrack> tracks) {
  tracks_ = std::move(tracks);
  update();
}

QString LineChartView::format_value(double value) const {
  if (std::isnan(value)) return "-";
  if (percent_) return QString::number(value * 100, 'f', value * 100 >= 10 ? 1 : 2) + "%";
  if (std::abs(value) >= 10000) return QString::number(value, 'g', 4);
  if (std::abs(value) >= 100 || value == std::floor(value)) return QString::number(value, 'f', 0);
  return QString::number(value, 'f', 2);
}

double LineChartView::visible_maximum() const {
  const auto first = static_cast<std::int64_t>(std::floor(axis_.first()));
  const auto last = std::min(static_cast<std::int64_t>(std::ceil(axis_.last())), axis_.limit());
  double maximum = 0;
  for (const ChartLine& line : lines_) {
    const Envelope e = line.source->envelope(first, last);
    if (e.valid) maximum = std::max(maximum, e.high);
  }
  return maximum;
}

void LineChartView::paint_line(QPainter& painter, const QRect& plot, const ChartLine& line, double y_max) const {
  const double wpp = windows_per_pixel();
  const std::int64_t limit = std::min(axis_.limit(), line.source->size());
  auto y_of = [&](double v) { return plot.bottom() - v / y_max * (plot.height() - 1); };
  // A cosmetic one-pixel pen keeps QPainter on its fast line rasterizer: a wider pen turns a dense
  // polyline into a stroked path, which cost hundreds of ms per chart at 100,000 windows.
  QPen pen(line.colour, 1, line.style);
  pen.setCosmetic(true);
  painter.setPen(pen);
  QPolygonF run;  // consecutive columns with data; a missing column breaks the line
  auto flush = [&] {
    if (run.size() > 1) painter.drawPolyline(run);
    run.clear();
  };
  if (wpp <= 1) {
    // Zoomed in: one point per window, at the middle of its covered part (a partial last window's
    // point sits inside the data, not past its end); few points, so antialiased.
    painter.setRenderHint(QPainter::Antialiasing, true);
    const auto first = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(axis_.first())));
    const auto last = std::min(limit, static_cast<std::int64_t>(std::ceil(axis_.last())) + 1);
    for (std::int64_t w = first; w < last; ++w) {
      const double v = line.source->value_at(w);
      if (std::isnan(v)) {
        flush();
        continue;
      }
      run << QPointF(x_of(line.source->point_window(w)), y_of(v));
    }
    flush();
    return;
  }
  // Zoomed out: a min..max envelope per pixel column; pixel-aligned, so no antialiasing needed.
  painter.setRenderHint(QPainter::Antialiasing, false);
  for (int c = 0; c < plot.width(); ++c) {
    const WindowSpan span = column_windows(axis_.first(), wpp, c, limit);
    const Envelope e = span.empty() ? Envelope{} : line.source->envelope(span.first, span.last);
    if (!e.valid) {
      flush();
      continue;
    }
    const double x = plot.left() + c + 0.5;
    run << QPointF(x, y_of(e.low));
    if (e.high != e.low) run << QPointF(x, y_of(e.high));
  }
  flush();
}

std::vector<double> LineChartView::value_ticks(const QRect& plot, double y_max) const {
  // Grid lines every ~half a text line; labels are thinned from these, so a squeezed chart keeps some.
  const int max_ticks = std::max(2, plot.height() / (fontMetrics().height() / 2 + 4));
  return nice_ticks(0, y_max, max_ticks);
}

std::vector<AxisLabel> LineChartView::value_labels(const QRect& plot, double y_max) const {
  const QFontMetrics metrics = fontMetrics();
  const std::vector<double> ticks = value_ticks(plot, y_max);
  std::vector<double> positions;
  for (const double t : ticks) positions.push_back(plot.bottom() - t / y_max * (plot.height() - 1));
  std::vector<double> ascending(positions.rbegin(), positions.rend());
  const int stride = label_stride(ascending, metrics.height());
  std::vector<AxisLabel> labels;
  for (std::size_t i = 0; i < ticks.size(); i += static_cast<std::size_t>(stride)) {
    const double baseline = std::clamp(positions[i] + metrics.ascent() / 2.0 - 1, static_cast<double>(metrics.ascent()),
                                       static_cast<double>(height() - metrics.descent()));
    labels.push_back({baseline, format_value(ticks[i])});
  }
  return labels;
}

double LineChartView::padded_maximum() const {
  const double y_max = visible_maximum() * 1.05;
  return y_max > 0 ? y_max : (percent_ ? 0.01 : 1);
}

std::vector<AxisLabel> LineChartView::value_axis_labels() const {
  return value_labels(plot_rect(), padded_maximum());
}

void LineChartView::paint_value_axis(QPainter& painter, const QRect& plot, double y_max) const {
  const QFontMetrics metrics = painter.fontMetrics();
  painter.setPen(QPen(QColor(0, 0, 0, 28), 1));
  for (const double t : value_ticks(plot, y_max)) {
    const double y = plot.bottom() - t / y_max * (plot.height() - 1);
    painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
  }
  painter.setPen(palette().windowText().color());
  for (const AxisLabel& label : value_labels(plot, y_max))
    painter.drawText(QPointF(plot.left() - 6 - metrics.horizontalAdvance(label.text), label.y), label.text);
}

void LineChartView::paint_legend(QPainter& painter, const QRect& plot) const {
  const QFontMetrics metrics = painter.fontMetrics();
  painter.setPen(palette().windowText().color());
  painter.drawText(plot.left(), metrics.ascent(), title_);
  int x = plot.left() + metrics.horizontalAdvance(title_) + 16;
  const auto cursor = axis_.cursor() >= 0 ? static_cast<std::int64_t>(std::floor(axis_.cursor())) : -1;
  for (const ChartLine& line : lines_) {
    QString text = line.label;
    if (cursor >= 0 && cursor < axis_.limit()) text += " " + format_value(line.source->value_at(cursor));
    const int width = metrics.horizontalAdvance(text) + 22;
    if (x + width > plot.right() + TimeView::kRightMargin) break;
    painter.setPen(QPen(line.colour, 2, line.style));
    painter.drawLine(x, metrics.ascent() / 2 + 2, x + 14, metrics.ascent() / 2 + 2);
    painter.setPen(palette().windowText().color());
    painter.drawText(x + 18, metrics.ascent(), text);
    x += width + 8;
  }
}

void LineChartView::paint_event_tracks(QPainter& painter, const QRect& plot) const {
  const auto limit = static_cast<double>(axis_.limit());
  int track_index = 0;
  for (const EventTrack& track : tracks_) {
    const int base = plot.bottom() - 2 - 5 * track_index++;
    std::vector<unsigned char> marked(static_cast<std::size_t>(plot.width() + 1), 0);
    painter.setPen(QPen(track.colour, 1));
    int drawn = 0;
    for (const OverloadEvent& event : track.run->events()) {
      const double start = track.run->window_of_tick(event.start);
      if (start < axis_.first() || start >= axis_.last() || start >= limit) continue;
      const int x = static_cast<int>(x_of(start));
      const auto slot = static_cast<std::size_t>(std::clamp(x - plot.left(), 0, plot.width()));
      if (marked[slot] || ++drawn > kMaxEventTicks) continue;
      marked[slot] = 1;
      painter.drawLine(x, base - 4, x, base);
    }
  }
}

void LineChartView::paint_content(QPainter& painter) {
  const QRect plot = plot_rect();
  if (plot.width() <= 0 || plot.height() <= 0) return;
  painter.fillRect(plot, palette().base());
  paint_time_grid(painter);
  const double y_max = padded_maximum();
  paint_value_axis(painter, plot, y_max);
  // After the grid, under the lines: the part of a partial window after the data's end (a run's or
  // a layer's), as the heatmaps.
  paint_uncovered(painter, plot, uncovered());
  painter.save();
  painter.setClipRect(plot);
  for (const ChartLine& line : lines_) paint_line(painter, plot, line, y_max);
  painter.setRenderHint(QPainter::Antialiasing, false);
  paint_event_tracks(painter, plot);
  painter.restore();
  painter.setPen(QColor(150, 150, 150));
  painter.drawRect(plot.adjusted(0, 0, -1, -1));
  paint_legend(painter, plot);
}

TimeRuler::TimeRuler(TimeAxis& axis, QWidget* parent) : TimeView(axis, parent) {
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

QSize TimeRuler::sizeHint() const { return {320, fontMetrics().height() + 10}; }

void TimeRuler::paint_content(QPainter& painter) {
  const QRect plot = plot_rect();
  const QFontMetrics metrics = painter.fontMetrics();
  painter.setPen(palette().windowText().color());
  // The unit: ticks, which the scenario library reads as microseconds (docs/scenarios.md).
  painter.drawText(4, plot.top() + metrics.ascent() + 2, QString::fromUtf8("ticks (\u00b5s)"));
  for (const double window : grid_windows()) {
    const double x = x_of(window);
    painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.top() + 4));
    const QString text = QLocale(QLocale::English).toString(static_cast<qlonglong>(std::llround(axis_.ticks_of(window))));
    painter.drawText(QPointF(x - metrics.horizontalAdvance(text) / 2.0, plot.top() + 4 + metrics.ascent()), text);
  }
}

}  // namespace routelab::gui
