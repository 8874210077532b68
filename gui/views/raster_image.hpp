#pragma once
// A heatmap raster painted into an image through a prepared colour scale, shared by the expert
// and the cluster heatmaps so both colour the same numbers the same way.
#include <QHelpEvent>
#include <QImage>
#include <QSize>
#include <QString>
#include <QWidget>

#include <cstdint>

#include "gui/data/heatmap_raster.hpp"
#include "gui/views/color_scale.hpp"

namespace routelab::gui {

// `image` becomes raster.columns x raster.rows (a null image for an empty raster); columns without
// a window get the scale's no-data colour. `scale` must have been prepared.
void paint_raster_image(const HeatmapRaster& raster, const ColorScale& scale, QImage& image);

// What a heatmap's cached image was painted from: the image is repainted only when one changed.
// `matrix` is the view's matrix (an expert channel, a cluster matrix) as an integer.
struct RasterCacheKey {
  double first = -1, last = -1;
  std::int64_t limit = -1;
  QSize size;
  std::uint64_t version = 0;
  int matrix = 0;
  ScaleKind scale = ScaleKind::linear;
  float scale_max = 0;
  bool operator==(const RasterCacheKey&) const = default;
};

// A heatmap's hover card for a tooltip event: `text` at the pointer, or hidden when empty.
void show_hover_card(const QHelpEvent& help, const QString& text, QWidget* view);

}  // namespace routelab::gui
