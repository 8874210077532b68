#pragma once
// One run's expert-parallel load over time: GPUs (copies computed) or directed links (busy time
// of dispatch + combine) down, the run's windows across, on the shared time axis and cursor. The
// stacked runs share one colour scale per kind, like the expert heatmaps. Hover names the row and
// gives the cell's value; the part of a partial window after the run's (or a layer's) end is
// hatched. A column is one of ClusterHistory's windows: one or more of the run's, at least a batch
// interval, so a window shorter than the interval between batches does not stripe the view.
#include <QImage>

#include <cstdint>

#include "gui/data/heatmap_raster.hpp"
#include "gui/data/run_history.hpp"
#include "gui/views/color_scale.hpp"
#include "gui/views/raster_image.hpp"
#include "gui/views/time_view.hpp"

namespace routelab::gui {

// Shared by the stacked cluster heatmaps: one scale kind, one maximum per kind (comparable runs).
struct ClusterStyle {
  ScaleKind scale = ScaleKind::linear;
  float gpu_max = 1;
  float link_max = 1;
  float max_of(ClusterMatrix which) const { return which == ClusterMatrix::gpu_tokens ? gpu_max : link_max; }
};

class ClusterHeatmapView : public TimeView {
  Q_OBJECT

 public:
  // Rows stay readable as the expert heatmaps' do; 32 GPUs get 192 px, 128 links 256 px.
  static constexpr int kMinPixelsPerRow = 6;
  static constexpr int kMinPixelsPerLink = 2;
  static constexpr int kMaxMinimumPlotHeight = 256;

  // `run` must have a cluster (RunHistory::cluster()).
  ClusterHeatmapView(TimeAxis& axis, const RunHistory& run, ClusterMatrix which, const ClusterStyle& style,
                     QColor run_colour, QWidget* parent = nullptr);

  const RunHistory& run() const { return run_; }
  ClusterMatrix which() const { return which_; }
  int rows() const;
  int row_at(double y) const;   // -1 outside the plot
  QString row_name(int row) const;  // "GPU 3 (node 0)" or the link's name ("gpu3-nvswitch0 (->)")
  QString row_label(int row) const;  // short, beside the row: "g3", "g3>sw0"
  QString hover_text_at(QPoint position) const;  // empty outside the cells
  QString title() const;
  HeatmapRaster current_raster() const;  // its first_window/last_window count the cluster's windows

  QSize minimumSizeHint() const override;

 protected:
  int top_margin() const override { return 18; }
  void paint_content(QPainter& painter) override;
  bool event(QEvent* event) override;

 private:
  using CacheKey = RasterCacheKey;
  std::int64_t cluster_limit() const;  // the cluster's closed windows shown (below the axis's limit)
  std::int64_t data_limit() const;     // the run's windows they span
  QString per_window_text() const;     // what one of the cluster's windows is, for the title
  void rasterize(const QRect& plot, HeatmapRaster& raster) const;
  void render_image(const QRect& plot);
  void paint_rows(QPainter& painter, const QRect& plot) const;

  const RunHistory& run_;
  const ClusterHistory& cluster_;
  ClusterMatrix which_;
  const ClusterStyle& style_;
  QColor run_colour_;
  ColorScale scale_;
  HeatmapRaster raster_;
  QImage image_;
  CacheKey cache_key_;
};

}  // namespace routelab::gui
