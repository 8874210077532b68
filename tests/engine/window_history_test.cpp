// Window history at a coarser resolution for long runs: bounded rows, every window covered once
// and in order, counts conserved and extremes kept, against a brute-force sum over the windows.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "core/rng_streams.hpp"
#include "engine/window_history.hpp"

namespace routelab {
namespace {

LoadWindow window(std::int64_t index, std::uint64_t seed) {
  LoadWindow w;
  w.index = index;
  w.start = index * 100;
  w.end = (index + 1) * 100;
  const std::uint64_t x = mix64(seed ^ static_cast<std::uint64_t>(index));
  w.figures.arrivals = static_cast<std::int64_t>(x % 1000);
  w.figures.drops = static_cast<std::int64_t>((x >> 10) % 50);
  w.figures.max_peak_queue = static_cast<std::int64_t>((x >> 20) % 64);
  w.figures.max_over_mean = 1.0 + static_cast<double>((x >> 30) % 100) / 50.0;
  w.figures.utilization_mean = static_cast<double>((x >> 40) % 100) / 100.0;
  w.figures.utilization_max = std::min(1.0, w.figures.utilization_mean + 0.1);
  w.figures.completed_tokens = static_cast<std::int64_t>((x >> 50) % 500);
  return w;
}

TEST(WindowHistory, ShortRunsKeepOneRowPerWindow) {
  WindowHistory history(64);
  for (std::int64_t i = 0; i < 64; ++i) history.add(window(i, 1));
  ASSERT_EQ(history.rows().size(), 64u);
  EXPECT_EQ(history.windows_per_row(), 1);
  for (std::int64_t i = 0; i < 64; ++i) EXPECT_EQ(history.rows()[static_cast<std::size_t>(i)].figures.arrivals, window(i, 1).figures.arrivals);
}

TEST(WindowHistory, LongRunsCoarsenButCoverEveryWindowAndConserveCounts) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const std::size_t max_rows = 8 + seed;
    const std::int64_t windows = 1000 + static_cast<std::int64_t>(seed) * 77;
    WindowHistory history(max_rows);
    for (std::int64_t i = 0; i < windows; ++i) history.add(window(i, seed));
    const auto& rows = history.rows();
    ASSERT_LE(rows.size(), max_rows);
    ASSERT_GT(history.windows_per_row(), 1);
    std::int64_t next = 0;
    for (const auto& row : rows) {
      ASSERT_EQ(row.first_index, next);
      ASSERT_LE(row.windows, history.windows_per_row());
      std::int64_t arrivals = 0, drops = 0, completed = 0, queue = 0;
      double most = 0, utilization = 0;
      for (std::int64_t i = row.first_index; i < row.first_index + row.windows; ++i) {
        const auto w = window(i, seed);
        arrivals += w.figures.arrivals;
        drops += w.figures.drops;
        completed += w.figures.completed_tokens;
        queue = std::max(queue, w.figures.max_peak_queue);
        most = std::max(most, w.figures.max_over_mean);
        utilization += w.figures.utilization_mean;
      }
      EXPECT_EQ(row.figures.arrivals, arrivals);
      EXPECT_EQ(row.figures.drops, drops);
      EXPECT_EQ(row.figures.completed_tokens, completed);
      EXPECT_EQ(row.figures.max_peak_queue, queue);
      EXPECT_DOUBLE_EQ(row.figures.max_over_mean, most);
      EXPECT_NEAR(row.figures.utilization_mean, utilization / static_cast<double>(row.windows), 1e-12);
      EXPECT_EQ(row.start, row.first_index * 100);
      EXPECT_EQ(row.end, (row.first_index + row.windows) * 100);
      next += row.windows;
    }
    EXPECT_EQ(next, windows);
  }
}

}  // namespace
}  // namespace routelab
