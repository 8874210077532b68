#include "routers/phase/phase_parameter_search.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "routers/phase/phase_errors.hpp"
#include "routers/phase/phase_statistics.hpp"
#include "routers/phase/phase_theory.hpp"

namespace routelab::phase {

KSearchResult smallest_k_for_skew(std::span<const std::int64_t> s, std::span<const std::int64_t> t, double target_skew,
                                  std::int64_t k_min, std::int64_t k_max, std::int64_t samples, std::uint64_t seed) {
  if (!(target_skew > 0.0) || !std::isfinite(target_skew))
    throw PhaseArgumentError("target_skew", "expected a positive skew (max / mean), got " + std::to_string(target_skew));
  if (k_min < 1) throw PhaseArgumentError("k_min", "expected k_min >= 1, got " + std::to_string(k_min));
  if (k_max < k_min)
    throw PhaseArgumentError("k_max", "expected k_max >= k_min (" + std::to_string(k_min) + "), got " + std::to_string(k_max));
  KSearchResult result;
  result.target_skew = target_skew;
  result.k_min = k_min;
  result.k_max = k_max;
  auto evaluate = [&](std::int64_t k) {
    const ColumnStatistics stats = monte_carlo_column_statistics(s, t, k, samples, seed);
    result.evaluations.push_back({k, stats.global_skew, stats.fill_ratio});
    result.max_row_candidates = std::max(result.max_row_candidates, stats.max_row_candidates);
    return stats.global_skew;
  };
  // The candidate counts do not depend on k: one evaluation at k_min tells where k stops binding.
  const double skew_at_min = evaluate(k_min);
  result.k_binds = k_min < result.max_row_candidates;
  result.searched_up_to = std::min(k_max, std::max(k_min, result.max_row_candidates));
  if (skew_at_min <= target_skew) {
    result.found = true;
    result.k = k_min;
    result.achieved_skew = skew_at_min;
    return result;
  }
  std::int64_t low = k_min + 1, high = result.searched_up_to;
  while (low <= high) {
    const std::int64_t middle = low + (high - low) / 2;
    const double skew = evaluate(middle);
    if (skew <= target_skew) {
      result.found = true;
      result.k = middle;
      result.achieved_skew = skew;
      high = middle - 1;
    } else {
      low = middle + 1;
    }
  }
  if (!result.found) {
    const auto best = std::min_element(result.evaluations.begin(), result.evaluations.end(),
                                       [](const SkewEvaluation& a, const SkewEvaluation& b) {
                                         return a.global_skew < b.global_skew || (a.global_skew == b.global_skew && a.k < b.k);
                                       });
    result.k = best->k;
    result.achieved_skew = best->global_skew;
  }
  return result;
}

std::vector<DistributionPoint> analyze_distribution(std::span<const std::int64_t> s, std::span<const std::int64_t> t,
                                                    std::span<const std::int64_t> ks, std::int64_t samples,
                                                    std::uint64_t seed) {
  if (ks.empty()) throw PhaseArgumentError("k_values", "expected at least one k");
  const auto rows = static_cast<double>(s.size());
  const auto cols = static_cast<double>(t.size());
  const double cells = rows * cols;
  const double sum_s = static_cast<double>(std::accumulate(s.begin(), s.end(), std::int64_t{0}));
  const double sum_t = static_cast<double>(std::accumulate(t.begin(), t.end(), std::int64_t{0}));
  std::vector<DistributionPoint> points;
  for (const std::int64_t k : ks) {
    const ColumnStatistics stats = monte_carlo_column_statistics(s, t, k, samples, seed);
    DistributionPoint point;
    point.k = k;
    point.global_skew = stats.global_skew;
    point.mean_load = std::accumulate(stats.mean.begin(), stats.mean.end(), 0.0) / cols;
    point.max_mean_load = *std::max_element(stats.mean.begin(), stats.mean.end());
    point.mean_std = std::accumulate(stats.std.begin(), stats.std.end(), 0.0) / cols;
    point.max_p95 = *std::max_element(stats.p95.begin(), stats.p95.end());
    point.mean_routes = stats.mean_routes;
    point.fill_ratio = stats.fill_ratio;
    point.edge_density = stats.mean_routes / cells;
    point.theoretical_edge_density = expected_routes(s, t, k) / cells;
    point.candidate_density = sum_s * sum_t / (cells * cells);
    point.k_binds = k < stats.max_row_candidates;
    points.push_back(point);
  }
  return points;
}

}  // namespace routelab::phase
