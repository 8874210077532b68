#pragma once
// Per-expert load over time for one run: experts down, windows across, one pixel column per
// screen column (level-of-detail raster from the run's pyramid). Overload events sit in a lane
// under the plot (never over the data); hovering one shows its card, clicking one zooms to it and
// outlines it on its expert's row. Selected experts are marked beside their rows.
#include <QImage>

#include <cstdint>
#include <vector>

#include "gui/data/heatmap_raster.hpp"
#include "gui/data/run_history.hpp"
#include "gui/views/color_scale.hpp"
#include "gui/views/raster_image.hpp"
#include "gui/views/event_lane.hpp"
#include "gui/views/time_view.hpp"

namespace routelab::gui {

// Shared by the stacked heatmaps so they use one channel, one colour scale (comparable) and one
// expert selection.
struct HeatmapStyle {
  ExpertChannel channel = ExpertChannel::load;
  ScaleKind scale = ScaleKind::linear;
  float scale_max = 1;
  std::vector<int> selected_experts;  // sorted
};

class HeatmapView : public TimeView {
  Q_OBJECT

 public:
  // Rows stay readable: the plot asks for at least kMinPixelsPerExpert per expert (64 experts:
  // 192 px), capped at kMaxMinimumPlotHeight so 256 experts still fit two runs on a full-HD screen
  // (the plot stack scrolls when the window is smaller than the minimum).
  static constexpr int kMinPixelsPerExpert = 3;
  static constexpr int kMaxMinimumPlotHeight = 384;
  static constexpr int kSubLaneHeight = 6;  // one per cause, under the plot
  static constexpr int kLaneGap = 3;
  // Zooming to a clicked event shows this much of its duration on either side (the axis keeps at
  // least TimeAxis::kMinSpanWindows in view).
  static constexpr double kEventZoomPadding = 0.5;

  HeatmapView(TimeAxis& axis, const RunHistory& run, const HeatmapStyle& style, QColor run_colour,
              QWidget* parent = nullptr);

  const RunHistory& run() const { return run_; }
  // The raster as it would be painted at the current size (the CSV export uses this).
  HeatmapRaster current_raster() const;
  int expert_at(double y) const;

  QRect lane_rect() const;  // the event lane under the plot
  QPointF lane_point_of(std::size_t event) const;  // the centre of the event's marker (tests)
  std::int64_t event_at(QPointF position) const;  // index into run().events(), -1: no marker there
  // What the hover card says at `position`: the event card over a marker, the cell's value over
  // the plot, empty elsewhere.
  QString hover_text_at(QPoint position) const;
  void zoom_to_event(std::size_t event);  // the time axis shows the event's span, its expert highlighted
  std::int64_t focused_event() const { return focused_event_; }  // outlined: hovered, else last clicked

  QSize minimumSizeHint() const override;

 signals:
  void expert_clicked(int expert, double window);
  void event_clicked(int expert, double start_window);

 protected:
  int top_margin() const override { return 18; }
  int bottom_margin() const override { return kLaneGap + EventLane::kSubLanes * kSubLaneHeight + 1; }
  void paint_content(QPainter& painter) override;
  bool handle_click_outside_plot(QPointF position) override;
  bool event(QEvent* event) override;

 private:
  using CacheKey = RasterCacheKey;
  CacheKey current_key() const;

  void rasterize(const QRect& plot, HeatmapRaster& raster) const;
  void render_image(const QRect& plot);
  const EventLane& lane() const;  // laid out for the current view
  void paint_lane(QPainter& painter) const;
  void paint_focused_event(QPainter& painter, const QRect& plot) const;
  void paint_selection(QPainter& painter, const QRect& plot) const;
  void paint_labels(QPainter& painter, const QRect& plot) const;
  void paint_marker_legend(QPainter& painter, const QRect& plot, int title_right) const;
  QString cell_text_at(QPoint position) const;

  const RunHistory& run_;
  const HeatmapStyle& style_;
  QColor run_colour_;
  ColorScale scale_;
  HeatmapRaster raster_;
  QImage image_;
  CacheKey cache_key_;
  mutable EventLane lane_;
  mutable CacheKey lane_key_;
  std::int64_t focused_event_ = -1;
  std::int64_t clicked_event_ = -1;
};

QColor event_colour(OverloadCause cause);

}  // namespace routelab::gui
