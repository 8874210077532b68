#include "gui/sweeps/sweep_chart_view.hpp"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/summary_metrics.hpp"
#include "gui/sweeps/number_text.hpp"
#include "gui/views/nice_ticks.hpp"
#include "gui/views/plot_stack.hpp"

namespace routelab::gui {

namespace {

// Room for the y tick labels, the x labels and axis title, the title, and the legend.
constexpr double kLeftMargin = 80, kBottomMargin = 56, kTopMargin = 34, kRightMargin = 190;
constexpr double kPointRadius = 4;
constexpr double kHitRadius = 9;  // a click this close to a point selects it
constexpr int kBandAlpha = 50;    // CI bands translucent, so overlapping routers stay visible
constexpr double kRangePadding = 0.06;

QString text(const std::string& s) { return QString::fromStdString(s); }

double half_width(const SweepSeriesPoint& point) {
  return std::isfinite(point.y.half_width) ? point.y.half_width : 0.0;
}

QString axis_title(const std::string& metric) {
  const SummaryMetric* known = find_summary_metric(metric);
  if (known == nullptr || known->unit.empty()) return text(metric);
  return QString("%1 (%2)").arg(text(metric), QString::fromUtf8(known->unit.data(), static_cast<int>(known->unit.size())));
}

}  // namespace

SweepChartView::SweepChartView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setMinimumSize(480, 320);
}

void SweepChartView::set_data(SweepChartData data) {
  data_ = std::move(data);
  selected_.reset();
  update_ranges();
  update();
}

void SweepChartView::select(std::optional<SweepPointRef> point) {
  selected_ = point;
  update();
  if (point) emit point_selected(*point);
}

void SweepChartView::update_ranges() {
  double x_low = std::numeric_limits<double>::infinity(), x_high = -x_low, y_low = x_low, y_high = -x_low;
  for (const SweepSeries& series : data_.series)
    for (const SweepSeriesPoint& point : series.points) {
      x_low = std::min(x_low, point.x);
      x_high = std::max(x_high, point.x);
      y_low = std::min(y_low, point.y.mean - half_width(point));
      y_high = std::max(y_high, point.y.mean + half_width(point));
    }
  if (!std::isfinite(x_low)) x_low = 0, x_high = 1, y_low = 0, y_high = 1;
  if (data_.categorical) x_low = -0.5, x_high = std::max<double>(0.5, static_cast<double>(data_.categories.size()) - 0.5);
  if (x_high - x_low <= 0) x_low -= 0.5, x_high += 0.5;
  if (y_high - y_low <= 0) y_low -= std::max(0.5, std::fabs(y_low) * 0.1), y_high += std::max(0.5, std::fabs(y_high) * 0.1);
  const double x_pad = data_.categorical ? 0 : (x_high - x_low) * kRangePadding;
  const double y_pad = (y_high - y_low) * kRangePadding;
  x_low_ = x_low - x_pad, x_high_ = x_high + x_pad, y_low_ = y_low - y_pad, y_high_ = y_high + y_pad;
}

QRectF SweepChartView::plot_rect() const {
  return QRectF(kLeftMargin, kTopMargin, std::max(10.0, width() - kLeftMargin - kRightMargin),
                std::max(10.0, height() - kTopMargin - kBottomMargin));
}

double SweepChartView::to_x(double x) const {
  const QRectF r = plot_rect();
  return r.left() + (x - x_low_) / (x_high_ - x_low_) * r.width();
}

double SweepChartView::to_y(double y) const {
  const QRectF r = plot_rect();
  return r.bottom() - (y - y_low_) / (y_high_ - y_low_) * r.height();
}

QPointF SweepChartView::point_position(SweepPointRef ref) const {
  const SweepSeriesPoint& point = data_.series.at(ref.series).points.at(ref.point);
  return {to_x(point.x), to_y(point.y.mean)};
}

std::optional<SweepPointRef> SweepChartView::point_at(QPointF position) const {
  std::optional<SweepPointRef> best;
  double best_distance = kHitRadius;
  for (std::size_t s = 0; s < data_.series.size(); ++s)
    for (std::size_t p = 0; p < data_.series[s].points.size(); ++p) {
      const QPointF at = point_position({s, p});
      const double distance = std::hypot(at.x() - position.x(), at.y() - position.y());
      if (distance <= best_distance) best_distance = distance, best = SweepPointRef{s, p};
    }
  return best;
}

void SweepChartView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.fillRect(rect(), palette().base());
  const QRectF r = plot_rect();
  const QFontMetrics metrics(font());
  const QColor grid = palette().mid().color();
  const QColor ink = palette().text().color();

  painter.setPen(ink);
  painter.drawText(QRectF(0, 4, width(), kTopMargin - 8), Qt::AlignCenter,
                   QString("%1 against %2").arg(text(data_.metric), text(data_.x_key)));
  if (data_.series.empty()) {
    painter.drawText(r, Qt::AlignCenter, "no successful runs at this slice");
    return;
  }
  // Value axis: round ticks, labels without floating-point noise.
  for (const double tick : nice_ticks(y_low_, y_high_, std::max(2, static_cast<int>(r.height() / 40)))) {
    const double y = to_y(tick);
    painter.setPen(QPen(grid, 0, Qt::DotLine));
    painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y));
    painter.setPen(ink);
    painter.drawText(QRectF(0, y - 10, kLeftMargin - 6, 20), Qt::AlignRight | Qt::AlignVCenter,
                     text(readable_number(tick)));
  }
  // Parameter axis: the categories, else round ticks.
  std::vector<std::pair<double, QString>> x_ticks;
  if (data_.categorical) {
    for (std::size_t c = 0; c < data_.categories.size(); ++c) x_ticks.emplace_back(static_cast<double>(c), text(data_.categories[c]));
  } else {
    for (const double tick : nice_ticks(x_low_, x_high_, std::max(2, static_cast<int>(r.width() / 90))))
      x_ticks.emplace_back(tick, text(readable_number(tick)));
  }
  for (const auto& [at, label] : x_ticks) {
    const double x = to_x(at);
    painter.setPen(QPen(grid, 0, Qt::DotLine));
    painter.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()));
    painter.setPen(ink);
    painter.drawText(QRectF(x - 60, r.bottom() + 4, 120, 18), Qt::AlignHCenter | Qt::AlignTop, label);
  }
  painter.setPen(ink);
  painter.drawRect(r);
  painter.drawText(QRectF(r.left(), r.bottom() + 24, r.width(), 20), Qt::AlignCenter, text(data_.x_key));
  painter.save();
  painter.translate(14, r.center().y());
  painter.rotate(-90);
  painter.drawText(QRectF(-r.height() / 2, -10, r.height(), 20), Qt::AlignCenter, axis_title(data_.metric));
  painter.restore();

  painter.save();
  painter.setClipRect(r.adjusted(-kPointRadius, -kPointRadius, kPointRadius, kPointRadius));
  for (std::size_t s = 0; s < data_.series.size(); ++s) {
    const auto& points = data_.series[s].points;
    const QColor colour = run_colour(static_cast<int>(s));
    QPolygonF band, line;
    for (const auto& point : points) band << QPointF(to_x(point.x), to_y(point.y.mean + half_width(point)));
    for (auto it = points.rbegin(); it != points.rend(); ++it) band << QPointF(to_x(it->x), to_y(it->y.mean - half_width(*it)));
    for (const auto& point : points) line << QPointF(to_x(point.x), to_y(point.y.mean));
    QColor fill = colour;
    fill.setAlpha(kBandAlpha);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    if (points.size() > 1) painter.drawPolygon(band);
    painter.setPen(QPen(colour, 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawPolyline(line);
    for (std::size_t p = 0; p < points.size(); ++p) {
      const QPointF at = line[static_cast<int>(p)];
      const double hw = half_width(points[p]);
      painter.setPen(QPen(colour, 1.5));
      if (hw > 0) painter.drawLine(QPointF(at.x(), to_y(points[p].y.mean - hw)), QPointF(at.x(), to_y(points[p].y.mean + hw)));
      const bool chosen = selected_ && *selected_ == SweepPointRef{s, p};
      painter.setPen(QPen(chosen ? ink : colour, chosen ? 2.5 : 1));
      painter.setBrush(colour);
      painter.drawEllipse(at, chosen ? kPointRadius + 2 : kPointRadius, chosen ? kPointRadius + 2 : kPointRadius);
    }
  }
  painter.restore();

  // Legend, and what the bands mean.
  double y = r.top();
  for (std::size_t s = 0; s < data_.series.size(); ++s) {
    const QColor colour = run_colour(static_cast<int>(s));
    painter.fillRect(QRectF(r.right() + 12, y + 4, 14, 10), colour);
    painter.setPen(ink);
    painter.drawText(QRectF(r.right() + 32, y, kRightMargin - 36, 18), Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(text(data_.series[s].router), Qt::ElideRight, static_cast<int>(kRightMargin - 36)));
    y += 20;
  }
  painter.setPen(palette().placeholderText().color());
  painter.drawText(QRectF(r.right() + 12, y + 8, kRightMargin - 16, 60), Qt::TextWordWrap,
                   "points: mean over replications; bands: 95% CI (Student t, n-1 dof)");
}

void SweepChartView::mousePressEvent(QMouseEvent* event) {
  if (const auto point = point_at(event->position())) select(point);
}

void SweepChartView::mouseMoveEvent(QMouseEvent* event) {
  const auto ref = point_at(event->position());
  if (!ref) {
    QToolTip::hideText();
    return;
  }
  const SweepSeriesPoint& point = data_.series[ref->series].points[ref->point];
  QString interval = std::isfinite(point.y.half_width) ? QString(" ± %1").arg(text(readable_number(point.y.half_width)))
                                                       : QString(" (one replication: no interval)");
  QToolTip::showText(event->globalPosition().toPoint(),
                     QString("%1\n%2 = %3\n%4 = %5%6\nn = %7 replications")
                         .arg(text(data_.series[ref->series].router), text(data_.x_key), text(point.x_label),
                              text(data_.metric), text(readable_number(point.y.mean)), interval)
                         .arg(point.y.n),
                     this);
}

}  // namespace routelab::gui
