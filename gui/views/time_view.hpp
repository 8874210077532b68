#pragma once
// Base of every view on the shared time axis (heatmaps, line charts, the ruler): the same margins
// so the stacked plots line up, wheel zoom around the mouse, drag to pan, click to place the
// cursor, double click to fit; paints the grid, the cursor and the replay limit.
#include <QWidget>

#include <cstdint>
#include <span>
#include <vector>

#include "gui/data/uncovered_spans.hpp"
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
  // Hatches the uncovered spans (uncovered_spans.hpp) -- the part of a partial window after the
  // run's or a layer's end -- so they read as "no more run" rather than as windows with nothing in them.
  void paint_uncovered(QPainter& painter, const QRect& plot, std::span<const UncoveredSpan> spans) const;
  // The same for a view of one run: the uncovered spans on screen of the run's first `run_windows`,
  // drawn up to `drawn_windows` (beyond run_windows: hatched whole).
  void paint_uncovered(QPainter& painter, const QRect& plot, const WindowCoverage& coverage, std::int64_t run_windows,
                       std::int64_t drawn_windows) const;
  // The windows on screen, [floor(first), ceil(last)), clipped to [0, limit).
  std::int64_t first_visible_window() const;
  std::int64_t last_visible_window(std::int64_t limit) const;

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
