#pragma once
// The statistics toolkit of spec §4, over the degrees (all the operator depends on) and many seeds.
// Sample m uses seed batch_seed(seed, m), so every function is a pure function of its arguments on
// any thread count (samples run in parallel; per-sample results are combined in sample order).
//
//   monte_carlo_column_statistics  per column: mean, std, p95, max load; global and temporal skew;
//                                  bias against the t-proportional baseline
//   estimate_capacity              per column load percentile at a confidence level, headroom,
//                                  utilization
//   (phase_parameter_search.hpp)   smallest k for a target skew; distribution over a list of k
//
// The baseline is t-proportional (the published code used T's column sums): each row reaches
// column j as a candidate with probability (s_i / E)(t_j / B), so expected candidates are
// proportional to t_j. Expected *routes* are too when k does not bind, but not in general: in the
// MoE setting (s_i = E, sum(t) > k B) tiled end to end in the given order, the columns on the
// extra lap share every token with one more column in every sample and get less (relative error
// -0.17 and +0.25 at B = 512, E = 64, k = 2, t_j = 20). `bias` and `relative_error` show exactly
// that, column by column; `layout` (the simulator's permuted + spread) removes it.
#include <cstdint>
#include <span>
#include <vector>

#include "routers/phase/phase_options.hpp"

namespace routelab::phase {

struct ColumnStatistics {
  std::int64_t samples = 0, rows = 0, cols = 0, k = 0;
  std::vector<double> mean, std, p95;       // per column over the samples (std: population)
  std::vector<std::int64_t> max;            // per column, the largest load seen
  std::vector<double> temporal_skew;        // max / mean per column (1 where the mean is 0)
  double global_skew = 0;                   // max(mean) / mean(mean); 0 when nothing is routed
  std::vector<double> expected;             // t-proportional baseline with the observed total
  std::vector<double> bias;                 // mean - expected
  std::vector<double> relative_error;       // bias / expected (0 where expected is 0)
  double max_relative_error = 0;            // the relative error largest in magnitude (signed)
  std::int64_t max_relative_error_column = -1;
  double mean_routes = 0;                   // routes per sample
  double fill_ratio = 0;                    // mean_routes / (rows k)
  std::int64_t max_row_candidates = 0;      // over all samples: k at or above this does not bind
  std::vector<std::int64_t> loads;          // samples x cols, row-major (only when asked to keep)
};

// Throws PhaseArgumentError for bad degrees or k (as routing does) and for samples < 1.
ColumnStatistics monte_carlo_column_statistics(std::span<const std::int64_t> s, std::span<const std::int64_t> t,
                                               std::int64_t k, std::int64_t samples, std::uint64_t seed,
                                               bool keep_loads = false, CapacityArcLayout layout = {});

struct CapacityEstimate {
  double confidence = 0;
  std::int64_t samples = 0;
  std::vector<double> mean;         // mean load per column
  std::vector<double> required;     // the confidence-level percentile of the load per column
  std::vector<double> headroom;     // required - mean
  std::vector<double> utilization;  // mean / required (0 where required is 0)
  double max_required = 0;          // the capacity one uniform buffer would need
  double total_required = 0;
  double mean_utilization = 0;      // sum(mean) / sum(required)
};

// Throws PhaseArgumentError("confidence") unless 0 < confidence <= 1.
CapacityEstimate estimate_capacity(std::span<const std::int64_t> s, std::span<const std::int64_t> t, std::int64_t k,
                                   double confidence, std::int64_t samples, std::uint64_t seed);


// Column loads of `samples` routings (samples x cols), plus the routes and largest row candidate
// count of each: the primitive the toolkit is built on.
struct LoadSamples {
  std::int64_t samples = 0, cols = 0;
  std::vector<std::int64_t> loads;
  std::vector<std::int64_t> routes;
  std::int64_t max_row_candidates = 0;
};
LoadSamples sample_column_loads(std::span<const std::int64_t> s, std::span<const std::int64_t> t, std::int64_t k,
                                std::int64_t samples, std::uint64_t seed, CapacityArcLayout layout = {});

ColumnStatistics column_statistics_from(const LoadSamples& samples, std::span<const std::int64_t> t,
                                        std::int64_t rows, std::int64_t k, bool keep_loads);

}  // namespace routelab::phase
