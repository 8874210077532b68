#pragma once
// The numbers behind the heatmap: for each pixel column, the max of every expert over the column's
// windows, and (when the widget is shorter than the expert count) the max over the experts that
// share a pixel row. Qt-free so the CSV export and the tests see exactly what is painted.
#include <cstdint>
#include <vector>

#include "gui/data/lod_matrix.hpp"
#include "gui/data/window_coverage.hpp"

namespace routelab::gui {

struct HeatmapRaster {
  int columns = 0;
  int rows = 0;                    // display rows (<= experts)
  int experts = 0;
  std::vector<float> values;       // columns x rows, column-major: values[c * rows + r]
  std::vector<unsigned char> valid;  // one per column: 0 where the column has no window
  std::vector<std::int64_t> first_window;  // per column
  std::vector<std::int64_t> last_window;   // per column, exclusive
  int coarsest_level = 0;          // > 0: some columns came from released detail (LodMatrix)

  int first_expert_of_row(int row) const { return static_cast<int>(static_cast<std::int64_t>(row) * experts / rows); }
};

// Rasterizes `columns` pixel columns from window `view_first` at `windows_per_column`, clipped to
// windows below `limit`, into `max_rows` rows at most. Zoomed out, column edges are rounded up to
// the 4^L-window buckets with 4^L <= windows_per_column (first_window/last_window say exactly which
// windows each column covers). With `rates` (a per-window count's coverage, series_rate.hpp's
// rate_coverage), a partial window counts as its rate, count / covered fraction, as the line charts
// draw it; null: the values as they are. Reuses `out`'s buffers.
void rasterize_heatmap(const LodMatrix& matrix, double view_first, double windows_per_column, int columns,
                       std::int64_t limit, int max_rows, HeatmapRaster& out, const WindowCoverage* rates = nullptr);

}  // namespace routelab::gui
