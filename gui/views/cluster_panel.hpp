#pragma once
// The cluster view, between the expert heatmaps and the line charts: for runs of a scenario with
// a [cluster], one GPU heatmap per run, one link heatmap per run (each kind on one colour scale
// shared by the runs) and the step-time and straggler charts, all on the shared time axis. Hidden
// when no run has a cluster.
#include <QWidget>

#include <vector>

#include "gui/data/run_history.hpp"
#include "gui/views/cluster_heatmap_view.hpp"
#include "gui/views/line_chart_view.hpp"

class QSplitter;

namespace routelab::gui {

class ClusterPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ClusterPanel(TimeAxis& axis, QWidget* parent = nullptr);

  // The runs on screen; those with a cluster get views (run i keeps run_colour(i)).
  void set_runs(const std::vector<const RunHistory*>& runs);
  void refresh();  // new data: shared maxima, row counts (a layout arrives with the first step), repaint
  void set_color_scale(ScaleKind scale);

  bool has_runs() const { return !gpu_views_.empty(); }
  const std::vector<ClusterHeatmapView*>& gpu_views() const { return gpu_views_; }
  const std::vector<ClusterHeatmapView*>& link_views() const { return link_views_; }
  LineChartView* step_chart() const { return step_chart_; }
  LineChartView* straggler_chart() const { return straggler_chart_; }
  std::int64_t frames_painted() const;

 private:
  TimeAxis& axis_;
  ClusterStyle style_;
  QSplitter* splitter_;
  std::vector<const RunHistory*> runs_;
  std::vector<ClusterHeatmapView*> gpu_views_;
  std::vector<ClusterHeatmapView*> link_views_;
  LineChartView* step_chart_;
  LineChartView* straggler_chart_;
  int rows_known_ = -1;  // GPU + link rows of every view at the last refresh
};

}  // namespace routelab::gui
