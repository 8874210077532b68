#pragma once
// The data of the current view as CSV text (the GUI writes it with QSaveFile, i.e. to a temporary
// name renamed on success). Two tables: the line charts' per-window series, and each heatmap's
// raster exactly as painted.
#include <cstdint>
#include <string>
#include <vector>

#include "gui/data/heatmap_raster.hpp"
#include "gui/data/run_history.hpp"

namespace routelab::gui {

// A CSV field: as is, or quoted when it holds a comma, quote or newline (labels come from router
// names, which never should, but a CSV must not break if one does).
std::string csv_field(const std::string& text);

// One row per window in [first, last) (clipped to the longest run): window,start_tick,end_tick and,
// per run, its scalars and `channel` of each expert in `experts` (columns <router>.<channel>_e<N>;
// the finest detail held; empty cells where a run has no such window or no value).
std::string series_csv(const std::vector<const RunHistory*>& runs, std::int64_t first, std::int64_t last,
                       const std::vector<int>& experts, ExpertChannel channel);

// One row per display row of the raster: expert range, then one cell per pixel column; the header
// names each column's window range.
std::string heatmap_csv(const HeatmapRaster& raster);

}  // namespace routelab::gui
