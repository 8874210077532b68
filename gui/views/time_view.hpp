#pragma once
// Base of every view on the shared time axis (heatmaps, line charts, the ruler): the same margins
// so the stacked plots line up, wheel zoom around the mouse, drag to pan, click to place the
// cursor, double click to fit; paints the grid, the cursor and the replay limit.
#include <QWidget>

#include <cstdint>
#include <vector>

#include "gui/views/time_axis.hpp"

namespace routelab::gui {

class TimeView : public QWidget {
  Q_OBJECT

 public:
  // Wide enough for "1.2e+04" value labels on the left and the colour legend on the right.
  static constexpr int kLeftMargin = 64;
  static constexpr int kRightMargin = 84;
  static constexpr double kWheelZoomStep = 0.8;  // one wheel notch shows 80% of the span

  explicit TimeView(TimeAxis& axis, QWidget* parent = nullptr);

  QRect plot_rect() const;
  double x_of(double window) const;
  double window_at(double x) const;
  double windows_per_pixel() const;
  std::int64_t frames_painted() const { return frames_painted_; }
  TimeAxis& axis() const { return axis_; }

 signals:
  void clicked(double window, QPointF position);

 protected:
  virtual int top_margin() const { return 2; }
  virtual int bottom_margin() const { return 2; }
  virtual void paint_content(QPainter& painter) = 0;
  // A click (press and release without a drag) outside the plot area; true when the view used it
  // (the heatmap's event lane zooms to the event), false to ignore it.
  virtual bool handle_click_outside_plot(QPointF /*position*/) { return false; }
  void paint_time_grid(QPainter& painter) const;
  // The grid's and the ruler's positions, in windows: round numbers of ticks, the axis's unit.
  std::vector<double> grid_windows() const;
  // Hatches [end_window, windows) -- the part of a partial last window after the run's end -- so
  // it reads as "no more run" rather than as a window with nothing in it.
  void paint_partial_end(QPainter& painter, const QRect& plot, double end_window, double windows) const;

  void paintEvent(QPaintEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

  TimeAxis& axis_;

 private:
  void paint_overlays(QPainter& painter) const;

  std::int64_t frames_painted_ = 0;
  bool pressed_ = false;
  bool dragging_ = false;
  QPointF press_position_;
  double press_first_ = 0;
  double press_last_ = 0;
};

}  // namespace routelab::gui
