#include "gui/views/time_view.hpp"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "gui/views/nice_ticks.hpp"

namespace routelab::gui {

namespace {
constexpr double kDragThresholdPixels = 4;  // below this a press-release is a click, not a pan
constexpr double kKeyPanFraction = 0.1;
constexpr int kGridSpacingPixels = 90;  // room for a tick label such as 1,234,567
}  // namespace

TimeView::TimeView(TimeAxis& axis, QWidget* parent) : QWidget(parent), axis_(axis) {
  setFocusPolicy(Qt::ClickFocus);
  setMouseTracking(false);
  connect(&axis_, &TimeAxis::changed, this, qOverload<>(&QWidget::update));
}

QRect TimeView::plot_rect() const {
  return rect().adjusted(kLeftMargin, top_margin(), -kRightMargin, -bottom_margin());
}

double TimeView::windows_per_pixel() const {
  const int width = std::max(plot_rect().width(), 1);
  return axis_.span() / width;
}

double TimeView::x_of(double window) const {
  const QRect plot = plot_rect();
  return plot.left() + (window - axis_.first()) / windows_per_pixel();
}

double TimeView::window_at(double x) const {
  return axis_.first() + (x - plot_rect().left()) * windows_per_pixel();
}

void TimeView::paint_time_grid(QPainter& painter) const {
  const QRect plot = plot_rect();
  painter.save();
  painter.setPen(QPen(QColor(0, 0, 0, 28), 1));
  for (const double window : grid_windows()) {
    const double x = x_of(window);
    painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
  }
  painter.restore();
}

std::vector<double> TimeView::grid_windows() const {
  const auto ticks_per_window = static_cast<double>(axis_.window_ticks());
  std::vector<double> windows;
  for (const double tick : nice_ticks(axis_.first() * ticks_per_window, axis_.last() * ticks_per_window,
                                      std::max(2, plot_rect().width() / kGridSpacingPixels)))
    windows.push_back(tick / ticks_per_window);
  return windows;
}

std::int64_t TimeView::first_visible_window() const {
  return std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(axis_.first())));
}

std::int64_t TimeView::last_visible_window(std::int64_t limit) const {
  return std::min(limit, static_cast<std::int64_t>(std::ceil(axis_.last())));
}

void TimeView::paint_uncovered(QPainter& painter, const QRect& plot, std::span<const UncoveredSpan> spans) const {
  painter.save();
  for (const UncoveredSpan& span : spans) {
    const double left = std::max<double>(x_of(span.first), plot.left());
    const double right = std::min<double>(x_of(span.last), plot.right() + 1);
    if (right <= left) continue;
    const QRectF area(left, plot.top(), right - left, plot.height());
    painter.fillRect(area, palette().base());
    painter.fillRect(area, QBrush(QColor(0, 0, 0, 60), Qt::BDiagPattern));
  }
  painter.restore();
}

void TimeView::paint_uncovered(QPainter& painter, const QRect& plot, const WindowCoverage& coverage,
                               std::int64_t run_windows, std::int64_t drawn_windows) const {
  const CoveredRun run{&coverage, run_windows};
  paint_uncovered(painter, plot, uncovered_spans({&run, 1}, first_visible_window(), last_visible_window(drawn_windows)));
}

void TimeView::paint_overlays(QPainter& painter) const {
  const QRect plot = plot_rect();
  painter.save();
  painter.setClipRect(plot);
  if (!axis_.live()) {
    const double x = x_of(static_cast<double>(axis_.limit()));
    painter.setPen(QPen(QColor(40, 40, 40), 1, Qt::DashLine));
    painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
  }
  if (axis_.cursor() >= 0) {
    const double x = x_of(axis_.cursor());
    painter.setPen(QPen(QColor(255, 40, 40), 1));
    painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
  }
  painter.restore();
}

void TimeView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().window());
  paint_content(painter);
  paint_overlays(painter);
  ++frames_painted_;
}

void TimeView::wheelEvent(QWheelEvent* event) {
  const double notches = event->angleDelta().y() / 120.0;
  if (notches == 0) return;
  if (event->modifiers() & Qt::ShiftModifier) {
    axis_.pan(-notches * kKeyPanFraction * axis_.span());
  } else {
    axis_.zoom(std::pow(kWheelZoomStep, notches), window_at(event->position().x()));
  }
  event->accept();
}

void TimeView::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return;
  pressed_ = true;
  dragging_ = false;
  press_position_ = event->position();
  press_first_ = axis_.first();
  press_last_ = axis_.last();
}

void TimeView::mouseMoveEvent(QMouseEvent* event) {
  if (!pressed_) return;
  const double dx = event->position().x() - press_position_.x();
  if (!dragging_ && std::abs(dx) < kDragThresholdPixels) return;
  dragging_ = true;
  const double windows = dx * (press_last_ - press_first_) / std::max(plot_rect().width(), 1);
  axis_.set_range(press_first_ - windows, press_last_ - windows);
}

void TimeView::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || !pressed_) return;
  pressed_ = false;
  if (dragging_) return;
  if (!plot_rect().contains(event->position().toPoint())) {
    handle_click_outside_plot(event->position());
    return;
  }
  const double window = window_at(event->position().x());
  axis_.set_cursor(window);
  emit clicked(window, event->position());
}

void TimeView::mouseDoubleClickEvent(QMouseEvent*) { axis_.fit(); }

void TimeView::keyPressEvent(QKeyEvent* event) {
  const double centre = (axis_.first() + axis_.last()) / 2;
  switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: axis_.zoom(kWheelZoomStep, centre); break;
    case Qt::Key_Minus: axis_.zoom(1 / kWheelZoomStep, centre); break;
    case Qt::Key_Left: axis_.pan(-kKeyPanFraction * axis_.span()); break;
    case Qt::Key_Right: axis_.pan(kKeyPanFraction * axis_.span()); break;
    case Qt::Key_Home: axis_.fit(); break;
    default: QWidget::keyPressEvent(event); return;
  }
  event->accept();
}

}  // namespace routelab::gui
