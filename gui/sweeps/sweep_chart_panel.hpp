#pragma once
// The Chart tab of the sweep browser: pick a metric, a swept parameter and a slice of the other
// parameters; the chart shows one line per router. Clicking a point lists its runs (one per
// replication); "Open as run" re-runs the chosen one in the main window (open_run_requested).
#include <QWidget>

#include "gui/sweeps/sweep_runs.hpp"
#include "gui/sweeps/sweep_series.hpp"

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace routelab::gui {

class SweepChartView;
struct SweepPointRef;

class SweepChartPanel : public QWidget {
  Q_OBJECT

 public:
  // The metric shown first when the sweep has it: the routing-balance figure routelab ranks by.
  static constexpr const char* kDefaultMetric = "load_max_over_mean";

  explicit SweepChartPanel(SweepRuns runs, QWidget* parent = nullptr);

  // Selects by name (false when there is no such parameter, metric or slice label).
  bool choose(const QString& parameter, const QString& metric, const QString& slice = {});
  QComboBox* parameter_box() const { return parameter_box_; }
  QComboBox* metric_box() const { return metric_box_; }
  QComboBox* slice_box() const { return slice_box_; }
  SweepChartView* chart() const { return chart_; }
  QTableWidget* point_runs() const { return point_runs_; }
  QPushButton* open_button() const { return open_button_; }
  const SweepRuns& runs() const { return runs_; }

 signals:
  void open_run_requested(const QString& run_id);

 private:
  void refill_slices();
  void redraw();
  void show_point(const SweepPointRef& point);

  SweepRuns runs_;
  std::vector<SweepSlice> slices_;
  QComboBox* parameter_box_;
  QComboBox* metric_box_;
  QComboBox* slice_box_;
  SweepChartView* chart_;
  QLabel* note_;
  QTableWidget* point_runs_;
  QPushButton* open_button_;
};

}  // namespace routelab::gui
