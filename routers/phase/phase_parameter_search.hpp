#pragma once
// Parameter search and distribution analysis over the fan-out bound k (spec §4), built on the
// Monte-Carlo column statistics. The candidate sets do not depend on k (only on degrees and seed),
// so every k is evaluated on the same seeds (common random numbers), and k stops binding once it
// reaches the largest candidate count of any row: beyond that every k gives the same routes.
#include <cstdint>
#include <span>
#include <vector>

namespace routelab::phase {

struct SkewEvaluation {
  std::int64_t k = 0;
  double global_skew = 0;
  double fill_ratio = 0;
};

struct KSearchResult {
  double target_skew = 0;
  std::int64_t k_min = 0, k_max = 0;
  bool found = false;                  // some k in [k_min, k_max] reaches the target
  std::int64_t k = 0;                  // the smallest such k (found), else the best k evaluated
  double achieved_skew = 0;
  std::int64_t max_row_candidates = 0;  // over the samples
  bool k_binds = true;                 // false: k_min >= max_row_candidates, every k is equivalent
  std::int64_t searched_up_to = 0;     // min(k_max, max(k_min, max_row_candidates))
  std::vector<SkewEvaluation> evaluations;  // in the order evaluated
};

// Binary search for the smallest k in [k_min, k_max] with global skew <= target_skew, over
// `samples` seeds; it assumes the skew does not grow with k (it holds in expectation; the
// evaluations are returned so a caller can see the curve). Throws PhaseArgumentError for
// k_min < 1, k_max < k_min, target_skew <= 0, bad degrees or samples.
KSearchResult smallest_k_for_skew(std::span<const std::int64_t> s, std::span<const std::int64_t> t, double target_skew,
                                  std::int64_t k_min, std::int64_t k_max, std::int64_t samples, std::uint64_t seed);

struct DistributionPoint {
  std::int64_t k = 0;
  double global_skew = 0;
  double mean_load = 0;        // mean over columns of the mean load
  double max_mean_load = 0;    // largest mean column load
  double mean_std = 0;         // mean over columns of the load's std
  double max_p95 = 0;          // largest column p95
  double mean_routes = 0;
  double fill_ratio = 0;
  double edge_density = 0;                 // mean routes / (B E)
  double theoretical_edge_density = 0;     // exact E[sum_i min(k, C_i)] / (B E) (phase_theory.hpp)
  double candidate_density = 0;            // sum(s) sum(t) / (B E)^2: the density before the k cut
  bool k_binds = true;                     // k < the largest row candidate count seen
};

// One point per k in `ks` (each >= 1), same seeds for every k.
std::vector<DistributionPoint> analyze_distribution(std::span<const std::int64_t> s, std::span<const std::int64_t> t,
                                                    std::span<const std::int64_t> ks, std::int64_t samples,
                                                    std::uint64_t seed);

}  // namespace routelab::phase
