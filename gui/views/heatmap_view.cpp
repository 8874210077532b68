#include "gui/views/heatmap_view.hpp"

#include <QHelpEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

#include "gui/data/series_rate.hpp"
#include "gui/events/event_card.hpp"
#include "gui/views/raster_image.hpp"

namespace routelab::gui {

namespace {

// Saturated, distinct from viridis and from each other, readable on the light lane background.
constexpr QRgb kQueueEventColour = 0xd95f02;     // orange: queue above the threshold
constexpr QRgb kArrivalsEventColour = 0xc51b8a;  // magenta: arrivals above capacity
const QColor kSelectionColour(0, 170, 220);
// The lightest shade of a lane column (one event where the densest column has many): still clearly
// coloured on the white lane.
constexpr int kLaneMinimumAlpha = 90;

QString channel_name(ExpertChannel channel) {
  return QString::fromUtf8(channel_title(channel).data(), static_cast<int>(channel_title(channel).size()));
}

}  // namespace

QColor event_colour(OverloadCause cause) {
  return QColor::fromRgb(cause == OverloadCause::queue_above_threshold ? kQueueEventColour : kArrivalsEventColour);
}

HeatmapView::HeatmapView(TimeAxis& axis, const RunHistory& run, const HeatmapStyle& style, QColor run_colour,
                         QWidget* parent)
    : TimeView(axis, parent), run_(run), style_(style), run_colour_(run_colour) {
  connect(this, &TimeView::clicked, this, [this](double window, QPointF position) {
    const int expert = expert_at(position.y());
    if (expert >= 0) emit expert_clicked(expert, window);
  });
}

QSize HeatmapView::minimumSizeHint() const {
  const int rows = std::min(run_.experts() * kMinPixelsPerExpert, kMaxMinimumPlotHeight);
  return {320, top_margin() + bottom_margin() + std::max(rows, 40)};
}

int HeatmapView::expert_at(double y) const {
  const QRect plot = plot_rect();
  if (y < plot.top() || y > plot.bottom() || plot.height() <= 0) return -1;
  const int expert = static_cast<int>((y - plot.top()) * run_.experts() / plot.height());
  return std::clamp(expert, 0, run_.experts() - 1);
}

void HeatmapView::rasterize(const QRect& plot, HeatmapRaster& raster) const {
  // A count's partial windows as rates, as the line charts draw them and as PlotStack's shared
  // scale maximum (channel_rate_max) counts them.
  rasterize_heatmap(run_.channel(style_.channel), axis_.first(), windows_per_pixel(), plot.width(), axis_.limit(),
                    plot.height(), raster, rate_coverage(run_, style_.channel));
}

HeatmapRaster HeatmapView::current_raster() const {
  HeatmapRaster raster;
  rasterize(plot_rect(), raster);
  return raster;
}

HeatmapView::CacheKey HeatmapView::current_key() const {
  return {axis_.first(), axis_.last(), axis_.limit(), plot_rect().size(), run_.version(), static_cast<int>(style_.channel),
          style_.scale, style_.scale_max};
}

void HeatmapView::render_image(const QRect& plot) {
  const CacheKey key = current_key();
  if (key == cache_key_ && !image_.isNull()) return;
  cache_key_ = key;
  rasterize(plot, raster_);
  // The scale's lookup is rebuilt only when the scale or its maximum changed, so either scale
  // costs the same per pixel.
  scale_.prepare(style_.scale, style_.scale_max);
  paint_raster_image(raster_, scale_, image_);
}

QRect HeatmapView::lane_rect() const {
  const QRect plot = plot_rect();
  return {plot.left(), plot.bottom() + 1 + kLaneGap, plot.width(), EventLane::kSubLanes * kSubLaneHeight};
}

const EventLane& HeatmapView::lane() const {
  const CacheKey key = current_key();
  if (!(key == lane_key_)) {
    lane_key_ = key;
    const QRect plot = plot_rect();
    lane_.lay_out(run_, axis_.first(), windows_per_pixel(), plot.width(), static_cast<double>(axis_.limit()));
  }
  return lane_;
}

std::int64_t HeatmapView::event_at(QPointF position) const {
  const QRect lane_area = lane_rect();
  // A pixel of slack above and below: the lane is thin.
  if (position.y() < lane_area.top() - 1 || position.y() > lane_area.bottom() + 1) return -1;
  if (position.x() < lane_area.left() - EventLane::kHitSlackColumns ||
      position.x() > lane_area.right() + EventLane::kHitSlackColumns)
    return -1;
  const int sub_lane = std::clamp(static_cast<int>((position.y() - lane_area.top()) / kSubLaneHeight), 0,
                                  EventLane::kSubLanes - 1);
  return lane().event_at(static_cast<int>(std::floor(position.x())) - lane_area.left(), sub_lane);
}

QPointF HeatmapView::lane_point_of(std::size_t event) const {
  const QRect lane_area = lane_rect();
  for (const EventLane::Segment& segment : lane().segments()) {
    if (segment.event != event) continue;
    return {lane_area.left() + (segment.column_begin + segment.column_end) / 2.0,
            lane_area.top() + (segment.sub_lane + 0.5) * kSubLaneHeight};
  }
  return {-1, -1};
}

void HeatmapView::zoom_to_event(std::size_t index) {
  if (index >= run_.events().size()) return;
  const OverloadEvent& event = run_.events()[index];
  const double start = run_.window_of_tick(event.start);
  const double end = run_.window_of_tick(event.end);
  const double padding = std::max((end - start) * kEventZoomPadding, 0.5);
  focused_event_ = clicked_event_ = static_cast<std::int64_t>(index);
  axis_.set_range(start - padding, end + padding);
  axis_.set_cursor(start);
  axis_.set_highlighted_expert(event.expert);
  emit event_clicked(event.expert, start);
}

bool HeatmapView::handle_click_outside_plot(QPointF position) {
  const std::int64_t index = event_at(position);
  if (index < 0) return false;
  zoom_to_event(static_cast<std::size_t>(index));
  return true;
}

void HeatmapView::paint_content(QPainter& painter) {
  const QRect plot = plot_rect();
  if (plot.width() <= 0 || plot.height() <= 0) return;
  render_image(plot);
  if (!image_.isNull()) painter.drawImage(plot, image_);
  const std::int64_t shown = std::min(run_.windows(), axis_.limit());
  paint_uncovered(painter, plot, run_.coverage(), shown, shown);
  paint_time_grid(painter);
  paint_lane(painter);

  const int expert = axis_.highlighted_expert();
  if (expert >= 0 && expert < run_.experts()) {
    const double row_height = static_cast<double>(plot.height()) / run_.experts();
    const QRectF row(plot.left(), plot.top() + expert * row_height, plot.width(), std::max(row_height, 2.0));
    painter.setPen(QPen(QColor(0, 230, 255), 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(row.adjusted(-1, -1, 1, 1));
  }
  paint_focused_event(painter, plot);
  paint_selection(painter, plot);
  scale_.paint_legend(painter, QRect(plot.right() + 8, plot.top(), kRightMargin - 12, plot.height()), style_.scale_max,
                      style_.scale);
  paint_labels(painter, plot);
}

void HeatmapView::paint_lane(QPainter& painter) const {
  const QRect area = lane_rect();
  if (area.width() <= 0) return;
  painter.save();
  painter.fillRect(area, palette().base());
  // One short line per pixel column with events: the more events overlap there, the darker, so a
  // run that is overloaded somewhere all the time still shows where it is worst.
  const EventLane& layout = lane();
  const OverloadCause causes[] = {OverloadCause::queue_above_threshold, OverloadCause::arrivals_above_capacity};
  for (const OverloadCause cause : causes) {
    const int sub_lane = EventLane::sub_lane_of(cause);
    const double most = std::max(layout.max_count(sub_lane), 1);
    const int top = area.top() + sub_lane * kSubLaneHeight + 1;
    QColor colour = event_colour(cause);
    for (int c = 0; c < layout.columns(); ++c) {
      const int count = layout.count_at(c, sub_lane);
      if (count == 0) continue;
      colour.setAlpha(static_cast<int>(std::lround(kLaneMinimumAlpha + (255 - kLaneMinimumAlpha) * count / most)));
      painter.setPen(colour);
      painter.drawLine(area.left() + c, top, area.left() + c, top + kSubLaneHeight - 3);
    }
  }
  painter.setPen(QPen(QColor(170, 170, 170), 1));
  painter.setBrush(Qt::NoBrush);
  painter.drawRect(area.adjusted(0, 0, -1, -1));
  painter.restore();
}

void HeatmapView::paint_focused_event(QPainter& painter, const QRect& plot) const {
  if (focused_event_ < 0 || static_cast<std::size_t>(focused_event_) >= run_.events().size()) return;
  const OverloadEvent& event = run_.events()[static_cast<std::size_t>(focused_event_)];
  const double start = run_.window_of_tick(event.start);
  const double end = std::min(run_.window_of_tick(event.end), static_cast<double>(axis_.limit()));
  if (end < axis_.first() || start > axis_.last()) return;
  // An outline around the event's cells: a dark and a light line, visible on any colour, covering
  // no cell of the event itself.
  const double row_height = static_cast<double>(plot.height()) / run_.experts();
  const QRectF cells(QPointF(x_of(start), plot.top() + event.expert * row_height),
                     QPointF(std::max(x_of(end), x_of(start) + 1), plot.top() + (event.expert + 1) * row_height));
  painter.save();
  painter.setClipRect(plot.adjusted(-3, -3, 3, 3));
  painter.setBrush(Qt::NoBrush);
  painter.setPen(QPen(Qt::white, 1));
  painter.drawRect(cells.adjusted(-1, -1, 1, 1));
  painter.setPen(QPen(event_colour(event.cause), 1));
  painter.drawRect(cells.adjusted(-2, -2, 2, 2));
  painter.restore();
}

void HeatmapView::paint_selection(QPainter& painter, const QRect& plot) const {
  // A bar in the gutter beside each selected row: the selection is visible without covering data.
  const double row_height = static_cast<double>(plot.height()) / run_.experts();
  for (const int expert : style_.selected_experts) {
    if (expert < 0 || expert >= run_.experts()) continue;
    const QRectF bar(plot.left() - 4, plot.top() + expert * row_height, 3, std::max(row_height, 2.0));
    painter.fillRect(bar, kSelectionColour);
  }
}

void HeatmapView::paint_marker_legend(QPainter& painter, const QRect& plot, int title_right) const {
  const QFontMetrics metrics = painter.fontMetrics();
  const QString lead = "overloads (lane below):";
  const OverloadCause causes[] = {OverloadCause::queue_above_threshold, OverloadCause::arrivals_above_capacity};
  int width = metrics.horizontalAdvance(lead);
  auto short_title = [](OverloadCause cause) {
    return cause == OverloadCause::queue_above_threshold ? QString("queue > threshold") : QString("arrivals > capacity");
  };
  for (const OverloadCause cause : causes) width += 26 + metrics.horizontalAdvance(short_title(cause));
  int x = plot.right() - width;
  if (x < title_right + 24) return;  // no room beside the title: the lane still explains itself on hover
  painter.setPen(palette().windowText().color());
  painter.drawText(x, 1 + metrics.ascent(), lead);
  x += metrics.horizontalAdvance(lead) + 8;
  for (const OverloadCause cause : causes) {
    painter.fillRect(QRect(x, 5, 14, kSubLaneHeight - 2), event_colour(cause));
    x += 18;
    painter.setPen(palette().windowText().color());
    painter.drawText(x, 1 + metrics.ascent(), short_title(cause));
    x += metrics.horizontalAdvance(short_title(cause)) + 8;
  }
}

void HeatmapView::paint_labels(QPainter& painter, const QRect& plot) const {
  painter.save();
  const QFontMetrics metrics = painter.fontMetrics();
  // Run name and what the colour means, above the plot.
  QString title = QString::fromStdString(run_.label()) + "  -  " + channel_name(style_.channel);
  if (style_.scale == ScaleKind::log) title += " (log scale)";
  if (raster_.coarsest_level > 0)
    title += QString("  (older detail: %1-window max)").arg(1 << (LodMatrix::kFanoutBits * raster_.coarsest_level));
  painter.fillRect(QRect(plot.left(), 2, 10, 10), run_colour_);
  painter.setPen(palette().windowText().color());
  painter.drawText(plot.left() + 14, 1 + metrics.ascent(), title);
  paint_marker_legend(painter, plot, plot.left() + 14 + metrics.horizontalAdvance(title));
  // Expert index labels on the left; selected experts are always labelled (in the selection colour)
  // and the regular labels that would collide with them are left out.
  const int experts = run_.experts();
  const int label_rows = std::max(1, plot.height() / (metrics.height() + 4));
  const int step = std::max(1, (experts + label_rows - 1) / label_rows);
  auto y_of = [&](int e) { return plot.top() + (e + 0.5) * plot.height() / experts; };
  auto draw_label = [&](int e) {
    const QString text = QString("e%1").arg(e);
    painter.drawText(QPointF(plot.left() - 6 - metrics.horizontalAdvance(text), y_of(e) + metrics.ascent() / 2.0 - 1), text);
  };
  for (int e = 0; e < experts; e += step) {
    const bool collides = std::any_of(style_.selected_experts.begin(), style_.selected_experts.end(), [&](int s) {
      return s != e && std::abs(y_of(s) - y_of(e)) < metrics.height();
    });
    if (!collides) draw_label(e);
  }
  painter.setPen(kSelectionColour.darker(130));
  for (const int e : style_.selected_experts)
    if (e >= 0 && e < experts) draw_label(e);
  painter.restore();
}

QString HeatmapView::cell_text_at(QPoint position) const {
  const int expert = expert_at(position.y());
  const auto window = static_cast<std::int64_t>(std::floor(window_at(position.x())));
  const LodMatrix& matrix = run_.channel(style_.channel);
  if (expert < 0 || window < 0 || window >= std::min(matrix.columns(), axis_.limit()) || !plot_rect().contains(position))
    return {};
  int level = 0;
  const float value = matrix.aggregate_row(window, window + 1, expert, &level);
  QString text = QString("%1  expert %2, window %3\n%4: %5")
                     .arg(QString::fromStdString(run_.label()))
                     .arg(expert)
                     .arg(window)
                     .arg(QString::fromUtf8(channel_key(style_.channel).data(), static_cast<int>(channel_key(style_.channel).size())))
                     .arg(static_cast<double>(value));
  if (level > 0) text += QString(" (max of %1 windows)").arg(1 << (LodMatrix::kFanoutBits * level));
  const WindowCoverage* rates = rate_coverage(run_, style_.channel);
  const double fraction = run_.coverage().fraction(window);
  if (rates && fraction < 1)  // what the cell's colour shows: the count as a rate
    text += QString(" in %1% of the window: a rate of %2 per window")
                .arg(fraction * 100, 0, 'f', 1)
                .arg(static_cast<double>(value) / fraction);
  else if (fraction < 1)
    text += QString(" (the run covered %1% of this window)").arg(fraction * 100, 0, 'f', 1);
  return text;
}

QString HeatmapView::hover_text_at(QPoint position) const {
  const std::int64_t index = event_at(position);
  if (index < 0) return cell_text_at(position);
  const OverloadEvent& event = run_.events()[static_cast<std::size_t>(index)];
  QString text = event_card_text(run_, event);
  const int column = std::clamp(position.x() - lane_rect().left(), 0, std::max(lane().columns() - 1, 0));
  const int others = lane().count_at(column, EventLane::sub_lane_of(event.cause)) - 1;
  if (others > 0) text += QString("\n(the highest peak of %1 events here: zoom in or filter the table)").arg(others + 1);
  return text + "\nclick: zoom to this event";
}

bool HeatmapView::event(QEvent* event) {
  if (event->type() == QEvent::Leave && focused_event_ != clicked_event_) {
    focused_event_ = clicked_event_;  // the hover outline goes with the pointer; a clicked one stays
    update();
  }
  if (event->type() != QEvent::ToolTip) return TimeView::event(event);
  const auto* help = static_cast<QHelpEvent*>(event);
  const std::int64_t hovered = event_at(help->pos());
  if (hovered >= 0 && hovered != focused_event_) {
    focused_event_ = hovered;  // outline the hovered event on its row while its card shows
    update();
  }
  show_hover_card(*help, hover_text_at(help->pos()), this);
  return true;
}

}  // namespace routelab::gui
