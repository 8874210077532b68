#pragma once
// The sweep chart: a metric against a swept parameter, one line per router (the run colours of
// the live views), each point the mean over replications with its 95% CI band (Student t).
// Hand-painted like the other views; click a point to select it, hover for its numbers.
#include <QWidget>

#include <optional>

#include "gui/sweeps/sweep_series.hpp"

namespace routelab::gui {

struct SweepPointRef {
  std::size_t series = 0;
  std::size_t point = 0;
  bool operator==(const SweepPointRef&) const = default;
};

class SweepChartView : public QWidget {
  Q_OBJECT

 public:
  explicit SweepChartView(QWidget* parent = nullptr);

  void set_data(SweepChartData data);
  const SweepChartData& data() const { return data_; }
  const std::optional<SweepPointRef>& selected() const { return selected_; }
  void select(std::optional<SweepPointRef> point);

  // Where a point is drawn (widget coordinates), for clicks in tests.
  QPointF point_position(SweepPointRef point) const;
  // The point within a few pixels of `position`, if any.
  std::optional<SweepPointRef> point_at(QPointF position) const;

 signals:
  void point_selected(SweepPointRef point);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;

 private:
  QRectF plot_rect() const;
  double to_x(double x) const;
  double to_y(double y) const;
  void update_ranges();

  SweepChartData data_;
  std::optional<SweepPointRef> selected_;
  double x_low_ = 0, x_high_ = 1, y_low_ = 0, y_high_ = 1;
};

}  // namespace routelab::gui
