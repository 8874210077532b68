#include "gui/data/uncovered_spans.hpp"

#include <algorithm>

namespace routelab::gui {

namespace {

double covered_fraction(const CoveredRun& run, std::int64_t window) {
  if (window < 0 || window >= run.windows) return 0;
  return run.coverage ? run.coverage->fraction(window) : 1;
}

}  // namespace

std::vector<UncoveredSpan> uncovered_spans(std::span<const CoveredRun> runs, std::int64_t first, std::int64_t last) {
  // Candidates: the partial windows of every run in range (a handful: one per run or layer).
  std::vector<std::int64_t> candidates;
  for (const CoveredRun& run : runs) {
    if (!run.coverage) continue;
    for (const PartialWindow& partial : run.coverage->partial_in(first, std::min(last, run.windows)))
      candidates.push_back(partial.index);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<UncoveredSpan> spans;
  for (const std::int64_t window : candidates) {
    double covered = 0;
    for (const CoveredRun& run : runs) covered = std::max(covered, covered_fraction(run, window));
    if (covered < 1) spans.push_back({static_cast<double>(window) + covered, static_cast<double>(window + 1)});
  }
  std::int64_t reached = 0;
  for (const CoveredRun& run : runs) reached = std::max(reached, run.windows);
  reached = std::max(reached, first);
  if (reached < last) {
    // Joined to a partial last window's span: one hatched area.
    if (!spans.empty() && spans.back().last == static_cast<double>(reached)) {
      spans.back().last = static_cast<double>(last);
    } else {
      spans.push_back({static_cast<double>(reached), static_cast<double>(last)});
    }
  }
  return spans;
}

}  // namespace routelab::gui
