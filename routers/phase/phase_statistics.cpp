#include "routers/phase/phase_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <numeric>
#include <string>

#include "core/percentile.hpp"
#include "routers/phase/phase_errors.hpp"
#include "routers/phase/phase_operator.hpp"
#include "routers/phase/phase_route.hpp"
#include "routers/phase/phase_rng.hpp"

namespace routelab::phase {

namespace {

void check_samples(std::int64_t samples) {
  if (samples < 1) throw PhaseArgumentError("samples", "expected at least 1 sample, got " + std::to_string(samples));
}

std::vector<double> column(const LoadSamples& samples, std::int64_t j) {
  std::vector<double> values(static_cast<std::size_t>(samples.samples));
  for (std::int64_t m = 0; m < samples.samples; ++m)
    values[static_cast<std::size_t>(m)] = static_cast<double>(samples.loads[static_cast<std::size_t>(m * samples.cols + j)]);
  return values;
}

}  // namespace


LoadSamples sample_column_loads(std::span<const std::int64_t> s, std::span<const std::int64_t> t, std::int64_t k,
                                std::int64_t samples, std::uint64_t seed, CapacityArcLayout layout) {
  check_samples(samples);
  check_fan_out(k, static_cast<std::int64_t>(s.size()));
  (void)PhaseOperator(s, t, seed, false);  // validates the degrees once, before any parallel work
  LoadSamples result;
  result.samples = samples;
  result.cols = static_cast<std::int64_t>(t.size());
  result.loads.assign(static_cast<std::size_t>(samples * result.cols), 0);
  result.routes.assign(static_cast<std::size_t>(samples), 0);
  std::vector<std::int64_t> max_candidates(static_cast<std::size_t>(samples), 0);
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(samples));
#pragma omp parallel
  {
    std::vector<std::int32_t> routes(s.size() * static_cast<std::size_t>(k));
    std::vector<std::int64_t> loads;
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t m = 0; m < samples; ++m) {
      try {
        PhaseOptions options;
        options.k = k;
        options.seed = batch_seed(seed, static_cast<std::uint64_t>(m));
        options.layout = layout;
        const PhaseStats stats = route_degrees_into(s, t, options, routes, &loads);
        std::copy(loads.begin(), loads.end(), result.loads.begin() + m * result.cols);
        result.routes[static_cast<std::size_t>(m)] = stats.active_routes;
        max_candidates[static_cast<std::size_t>(m)] = stats.max_row_candidates;
      } catch (...) {
        errors[static_cast<std::size_t>(m)] = std::current_exception();
      }
    }
  }
  for (const auto& error : errors)
    if (error) std::rethrow_exception(error);
  result.max_row_candidates = *std::max_element(max_candidates.begin(), max_candidates.end());
  return result;
}

ColumnStatistics column_statistics_from(const LoadSamples& samples, std::span<const std::int64_t> t,
                                        std::int64_t rows, std::int64_t k, bool keep_loads) {
  const std::int64_t cols = samples.cols;
  const auto n = static_cast<std::size_t>(cols);
  ColumnStatistics stats;
  stats.samples = samples.samples;
  stats.rows = rows;
  stats.cols = cols;
  stats.k = k;
  stats.mean.assign(n, 0);
  stats.std.assign(n, 0);
  stats.p95.assign(n, 0);
  stats.max.assign(n, 0);
  stats.temporal_skew.assign(n, 1.0);
  for (std::int64_t j = 0; j < cols; ++j) {
    const std::vector<double> values = column(samples, j);
    const auto c = static_cast<std::size_t>(j);
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    double squares = 0;
    for (const double v : values) squares += (v - mean) * (v - mean);
    stats.mean[c] = mean;
    stats.std[c] = std::sqrt(squares / static_cast<double>(values.size()));
    stats.p95[c] = interpolated_percentile(values, 0.95);
    stats.max[c] = static_cast<std::int64_t>(*std::max_element(values.begin(), values.end()));
    if (mean > 0) stats.temporal_skew[c] = static_cast<double>(stats.max[c]) / mean;
  }
  const double mean_of_means = std::accumulate(stats.mean.begin(), stats.mean.end(), 0.0) / static_cast<double>(cols);
  if (mean_of_means > 0) stats.global_skew = *std::max_element(stats.mean.begin(), stats.mean.end()) / mean_of_means;
  stats.mean_routes = std::accumulate(samples.routes.begin(), samples.routes.end(), 0.0) / static_cast<double>(samples.samples);
  stats.fill_ratio = stats.mean_routes / (static_cast<double>(rows) * static_cast<double>(k));
  stats.max_row_candidates = samples.max_row_candidates;
  // Baseline: the observed total routing mass shared in proportion to t_j.
  const double sum_t = static_cast<double>(std::accumulate(t.begin(), t.end(), std::int64_t{0}));
  stats.expected.assign(n, 0);
  stats.bias.assign(n, 0);
  stats.relative_error.assign(n, 0);
  for (std::size_t j = 0; j < n; ++j) {
    stats.expected[j] = sum_t > 0 ? stats.mean_routes * static_cast<double>(t[j]) / sum_t : 0.0;
    stats.bias[j] = stats.mean[j] - stats.expected[j];
    if (stats.expected[j] > 0) stats.relative_error[j] = stats.bias[j] / stats.expected[j];
    if (std::abs(stats.relative_error[j]) > std::abs(stats.max_relative_error)) {
      stats.max_relative_error = stats.relative_error[j];
      stats.max_relative_error_column = static_cast<std::int64_t>(j);
    }
  }
  if (keep_loads) stats.loads = samples.loads;
  return stats;
}

ColumnStatistics monte_carlo_column_statistics(std::span<const std::int64_t> s, std::span<const std::int64_t> t,
                                               std::int64_t k, std::int64_t samples, std::uint64_t seed,
                                               bool keep_loads, CapacityArcLayout layout) {
  const LoadSamples loads = sample_column_loads(s, t, k, samples, seed, layout);
  return column_statistics_from(loads, t, static_cast<std::int64_t>(s.size()), k, keep_loads);
}

CapacityEstimate estimate_capacity(std::span<const std::int64_t> s, std::span<const std::int64_t> t, std::int64_t k,
                                   double confidence, std::int64_t samples, std::uint64_t seed) {
  if (!(confidence > 0.0 && confidence <= 1.0))
    throw PhaseArgumentError("confidence", "expected a level in (0, 1], got " + std::to_string(confidence));
  const LoadSamples loads = sample_column_loads(s, t, k, samples, seed);
  const auto n = static_cast<std::size_t>(loads.cols);
  CapacityEstimate estimate;
  estimate.confidence = confidence;
  estimate.samples = samples;
  estimate.mean.assign(n, 0);
  estimate.required.assign(n, 0);
  estimate.headroom.assign(n, 0);
  estimate.utilization.assign(n, 0);
  double total_mean = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const std::vector<double> values = column(loads, static_cast<std::int64_t>(j));
    estimate.mean[j] = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    estimate.required[j] = interpolated_percentile(values, confidence);
    estimate.headroom[j] = estimate.required[j] - estimate.mean[j];
    if (estimate.required[j] > 0) estimate.utilization[j] = estimate.mean[j] / estimate.required[j];
    estimate.max_required = std::max(estimate.max_required, estimate.required[j]);
    estimate.total_required += estimate.required[j];
    total_mean += estimate.mean[j];
  }
  if (estimate.total_required > 0) estimate.mean_utilization = total_mean / estimate.total_required;
  return estimate;
}

}  // namespace routelab::phase
