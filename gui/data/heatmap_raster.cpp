#include "gui/data/heatmap_raster.hpp"

#include <algorithm>
#include <span>
#include <vector>

#include "gui/data/column_mapping.hpp"

namespace routelab::gui {

namespace {

// Every expert's max over windows [first, last) into `out`, a partial window's count divided by its
// covered fraction (a rate is never below its count, so the whole windows' max stays as it was).
int aggregate_rates(const LodMatrix& matrix, const WindowCoverage& rates, std::int64_t first, std::int64_t last,
                    std::span<float> out, std::vector<float>& scratch) {
  int level = 0;
  std::fill(out.begin(), out.end(), 0.0f);
  scratch.resize(out.size());
  auto widen = [&](double fraction) {
    for (std::size_t e = 0; e < out.size(); ++e)
      out[e] = std::max(out[e], static_cast<float>(static_cast<double>(scratch[e]) / fraction));
  };
  for_each_coverage_part(
      rates, first, last,
      [&](std::int64_t a, std::int64_t b) {
        level = std::max(level, matrix.aggregate(a, b, 0, matrix.rows(), scratch));
        widen(1.0);
      },
      [&](std::int64_t window, double fraction) {
        level = std::max(level, matrix.aggregate(window, window + 1, 0, matrix.rows(), scratch));
        widen(fraction);
      });
  return level;
}

}  // namespace

void rasterize_heatmap(const LodMatrix& matrix, double view_first, double windows_per_column, int columns,
                       std::int64_t limit, int max_rows, HeatmapRaster& out, const WindowCoverage* rates) {
  const int experts = matrix.rows();
  const int rows = std::clamp(max_rows, 1, experts);
  columns = std::max(columns, 0);
  limit = std::min(limit, matrix.columns());
  out.columns = columns;
  out.rows = rows;
  out.experts = experts;
  out.coarsest_level = 0;
  out.values.assign(static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows), 0.0f);
  out.valid.assign(static_cast<std::size_t>(columns), 0);
  out.first_window.assign(static_cast<std::size_t>(columns), 0);
  out.last_window.assign(static_cast<std::size_t>(columns), 0);

  // Zoomed out, column edges snap to the buckets of the level just below the column width: every
  // window still lands in exactly one column, and each column reads a few whole buckets instead of
  // decomposing ragged edges into many fine ones (the heatmap's cost is reading memory).
  int level = 0;
  while (level + 1 < LodMatrix::kLevels &&
         static_cast<double>(std::int64_t{1} << (LodMatrix::kFanoutBits * (level + 1))) <= windows_per_column)
    ++level;
  const std::int64_t bucket = std::int64_t{1} << (LodMatrix::kFanoutBits * level);
  auto snap = [&](std::int64_t window) { return std::min(limit, (window + bucket - 1) / bucket * bucket); };

  std::vector<float> column_values(static_cast<std::size_t>(experts));
  std::vector<float> scratch;
  WindowSpan previous{-1, -1};
  for (int c = 0; c < columns; ++c) {
    WindowSpan span = column_windows(view_first, windows_per_column, c, limit);
    if (bucket > 1) span = WindowSpan{snap(span.first), snap(span.last)};
    out.first_window[static_cast<std::size_t>(c)] = span.first;
    out.last_window[static_cast<std::size_t>(c)] = span.last;
    if (span.empty()) continue;
    out.valid[static_cast<std::size_t>(c)] = 1;
    // Zoomed in, neighbouring pixel columns show the same window: aggregate once.
    if (span.first != previous.first || span.last != previous.last) {
      // Only the few columns holding a partial window (one per run or layer) take the slower path.
      const bool partial = rates && !rates->partial_in(span.first, span.last).empty();
      const int fallback = partial ? aggregate_rates(matrix, *rates, span.first, span.last, column_values, scratch)
                                   : matrix.aggregate(span.first, span.last, 0, experts, column_values);
      out.coarsest_level = std::max(out.coarsest_level, fallback);
      previous = span;
    }
    float* cell = out.values.data() + static_cast<std::size_t>(c) * static_cast<std::size_t>(rows);
    if (rows == experts) {
      std::copy(column_values.begin(), column_values.end(), cell);
      continue;
    }
    for (int r = 0; r < rows; ++r) {
      const int e0 = out.first_expert_of_row(r);
      const int e1 = std::max(e0 + 1, out.first_expert_of_row(r + 1));
      cell[r] = *std::max_element(column_values.begin() + e0, column_values.begin() + e1);
    }
  }
}

}  // namespace routelab::gui
