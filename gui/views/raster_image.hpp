#pragma once
// A heatmap raster painted into an image through a prepared colour scale, shared by the expert
// and the cluster heatmaps so both colour the same numbers the same way.
#include <QImage>

#include "gui/data/heatmap_raster.hpp"
#include "gui/views/color_scale.hpp"

namespace routelab::gui {

// `image` becomes raster.columns x raster.rows (a null image for an empty raster); columns without
// a window get the scale's no-data colour. `scale` must have been prepared.
void paint_raster_image(const HeatmapRaster& raster, const ColorScale& scale, QImage& image);

}  // namespace routelab::gui
