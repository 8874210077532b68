#pragma once
// A per-window count shown as a rate: a partial window (the last one of a run or of a layer,
// RunHistory's coverage()) holds fewer assignments or drops only because it is shorter, so its
// value is divided by the fraction of the window the run covered and reads as its full windows' do,
// not as a collapse at the run's end. Whole windows keep their values, exactly. The line charts
// (per_window_rate) and the heatmaps (rate_coverage, channel_rate_max and the raster) share this.
#include <cstdint>
#include <memory>

#include "gui/data/series_source.hpp"

namespace routelab::gui {

// `source` itself when it is not a per-window count or knows no coverage; else `source` with each
// partial window's value divided by its covered fraction (the result is no longer a count, so
// applying this twice scales once).
std::shared_ptr<const SeriesSource> per_window_rate(std::shared_ptr<const SeriesSource> source);

// For a heatmap of `channel`: the run's coverage when the channel is a per-window count (its
// partial windows are drawn as rates), null when its values are drawn as they are.
const WindowCoverage* rate_coverage(const RunHistory& run, ExpertChannel channel);

// The largest value a heatmap of `channel` draws over the whole run: the channel's maximum, or for
// a count the larger of that and its partial windows' rates. The stacked heatmaps share the largest
// of their runs' as their colour scale's top, so a rate is never drawn past the scale.
float channel_rate_max(const RunHistory& run, ExpertChannel channel);

}  // namespace routelab::gui
