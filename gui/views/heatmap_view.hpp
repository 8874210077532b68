#pragma once
// Per-expert load over time for one run: experts down, windows across, one pixel column per
// screen column (level-of-detail raster from the run's pyramid), overload event markers, the
// highlighted expert's row outlined.
#include <QImage>

#include <cstdint>

#include "gui/data/heatmap_raster.hpp"
#include "gui/data/run_history.hpp"
#include "gui/views/color_scale.hpp"
#include "gui/views/time_view.hpp"

namespace routelab::gui {

// Shared by the stacked heatmaps so they use one channel and one colour scale (comparable).
struct HeatmapStyle {
  ExpertChannel channel = ExpertChannel::load;
  float scale_max = 1;
};

class HeatmapView : public TimeView {
  Q_OBJECT

 public:
  // Markers need room: triangles while each event in view has >= kPixelsPerMarker of plot area
  // (and at most kMaxEventMarkers of them), else only their spans as thin lines (up to
  // kMaxEventSpans), else one tick per pixel column along the top edge. Keeps the heatmap readable
  // and the paint bounded however many events a run has.
  static constexpr int kMaxEventMarkers = 2000;
  static constexpr int kPixelsPerMarker = 400;
  static constexpr int kMaxEventSpans = 20000;

  HeatmapView(TimeAxis& axis, const RunHistory& run, const HeatmapStyle& style, QColor run_colour,
              QWidget* parent = nullptr);

  const RunHistory& run() const { return run_; }
  // The raster as it would be painted at the current size (the CSV export uses this).
  HeatmapRaster current_raster() const;
  int expert_at(double y) const;

  QSize minimumSizeHint() const override { return {320, 80}; }

 signals:
  void expert_clicked(int expert, double window);

 protected:
  int top_margin() const override { return 18; }
  void paint_content(QPainter& painter) override;
  bool event(QEvent* event) override;

 private:
  struct CacheKey {
    double first = -1, last = -1;
    std::int64_t limit = -1;
    QSize size;
    std::uint64_t version = 0;
    ExpertChannel channel = ExpertChannel::load;
    float scale_max = 0;
    bool operator==(const CacheKey&) const = default;
  };

  void render_image(const QRect& plot);
  void paint_events(QPainter& painter, const QRect& plot) const;
  void paint_labels(QPainter& painter, const QRect& plot) const;

  const RunHistory& run_;
  const HeatmapStyle& style_;
  QColor run_colour_;
  ColorScale scale_;
  HeatmapRaster raster_;
  QImage image_;
  CacheKey cache_key_;
};

}  // namespace routelab::gui
