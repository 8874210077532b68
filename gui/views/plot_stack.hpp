#pragma once
// The central view: one heatmap per run stacked on top, the line charts below (every run overlaid
// in its own colour), the time ruler and the scrubber; all on one TimeAxis. Heatmaps and charts
// scroll (vertically) when the window is shorter than their minimum heights, so 64 experts keep
// readable rows on any screen; the ruler stays in view.
#include <QByteArray>
#include <QColor>
#include <QImage>
#include <QWidget>

#include <string>
#include <utility>
#include <vector>

#include "gui/data/run_history.hpp"
#include "gui/views/heatmap_view.hpp"
#include "gui/views/line_chart_view.hpp"

class QScrollArea;
class QSplitter;
class QVBoxLayout;

namespace routelab::gui {

class ClusterPanel;
class ReplayBar;
class TimeAxis;

QColor run_colour(int index);

class PlotStack : public QWidget {
  Q_OBJECT

 public:
  explicit PlotStack(TimeAxis& axis, QWidget* parent = nullptr);

  void set_runs(std::vector<const RunHistory*> runs);  // rebuilds the views; empty clears
  void refresh();                                     // new data arrived: rescale and repaint
  void set_channel(ExpertChannel channel);
  ExpertChannel channel() const { return style_.channel; }
  void set_color_scale(ScaleKind scale);
  ScaleKind color_scale() const { return style_.scale; }
  // The per-expert chart: which channel it shows for the selected experts.
  void set_expert_series(ExpertChannel channel);
  ExpertChannel expert_series() const { return expert_series_; }
  // One selection for typed ("3, 17") and clicked experts: sorted, no duplicates; a click on a
  // heatmap row toggles its expert.
  void set_selected_experts(std::vector<int> experts);
  void toggle_expert(int expert);
  const std::vector<int>& selected_experts() const { return style_.selected_experts; }
  const HeatmapStyle& heatmap_style() const { return style_; }  // the shared scale (tests)
  LineChartView* expert_chart() const { return expert_chart_; }
  ClusterPanel* cluster_panel() const { return cluster_panel_; }
  QScrollArea* scroll_area() const { return scroll_; }

  const std::vector<HeatmapView*>& heatmaps() const { return heatmaps_; }
  const std::vector<LineChartView*>& charts() const { return charts_; }
  ReplayBar* replay_bar() const { return replay_bar_; }
  std::int64_t frames_painted() const;

  QImage render_image();  // the stack as painted, for the PNG export
  std::string series_csv_text() const;  // the windows in view
  std::vector<std::pair<std::string, std::string>> heatmap_csv_texts() const;  // (run label, csv)

  QByteArray save_layout() const;
  void restore_layout(const QByteArray& state);

 signals:
  void selected_experts_changed();  // by a click on a heatmap row or set_selected_experts()

 private:
  void rebuild_chart_lines();
  std::vector<int> experts_for_expert_chart() const;
  void align_ruler_with_scrolled_plots();

  TimeAxis& axis_;
  HeatmapStyle style_;
  std::vector<const RunHistory*> runs_;
  ExpertChannel expert_series_ = ExpertChannel::queue;
  int charted_highlight_ = -1;
  QScrollArea* scroll_;
  QSplitter* outer_;
  QSplitter* heatmap_splitter_;
  ClusterPanel* cluster_panel_;  // under the charts; hidden without a [cluster]
  QSplitter* chart_splitter_;
  std::vector<HeatmapView*> heatmaps_;
  std::vector<LineChartView*> charts_;
  LineChartView* load_chart_;
  LineChartView* drop_chart_;
  LineChartView* latency_chart_;
  LineChartView* expert_chart_;
  QWidget* ruler_row_;
  TimeRuler* ruler_;
  ReplayBar* replay_bar_;
};

}  // namespace routelab::gui
