#include "engine/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace routelab {

std::string_view to_string(OverloadCause cause) {
  switch (cause) {
    case OverloadCause::queue_above_threshold: return "queue_above_threshold";
    case OverloadCause::arrivals_above_capacity: return "arrivals_above_capacity";
  }
  return "?";
}

std::string fingerprint_hex(std::uint64_t fingerprint) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(fingerprint));
  return buffer;
}

namespace {
double mean_of(std::span<const std::int64_t> loads) {
  if (loads.empty()) return 0.0;
  const double total = static_cast<double>(std::accumulate(loads.begin(), loads.end(), std::int64_t{0}));
  return total / static_cast<double>(loads.size());
}
}  // namespace

double max_over_mean(std::span<const std::int64_t> loads) {
  const double mean = mean_of(loads);
  if (mean <= 0.0) return 0.0;
  return static_cast<double>(*std::max_element(loads.begin(), loads.end())) / mean;
}

double coefficient_of_variation(std::span<const std::int64_t> loads) {
  const double mean = mean_of(loads);
  if (mean <= 0.0) return 0.0;
  double sum_sq = 0.0;
  for (auto load : loads) sum_sq += (static_cast<double>(load) - mean) * (static_cast<double>(load) - mean);
  return std::sqrt(sum_sq / static_cast<double>(loads.size())) / mean;
}

double gini(std::span<const std::int64_t> loads) {
  const double mean = mean_of(loads);
  if (mean <= 0.0) return 0.0;
  std::vector<std::int64_t> sorted(loads.begin(), loads.end());
  std::sort(sorted.begin(), sorted.end());
  // G = sum_i (2i - n - 1) x_(i) / (n^2 mean), i = 1..n over sorted values.
  const double n = static_cast<double>(sorted.size());
  double weighted = 0.0;
  for (std::size_t i = 0; i < sorted.size(); ++i)
    weighted += (2.0 * static_cast<double>(i + 1) - n - 1.0) * static_cast<double>(sorted[i]);
  return weighted / (n * n * mean);
}

double normalized_entropy(std::span<const std::int64_t> loads) {
  if (loads.size() < 2) return 1.0;
  const double total = static_cast<double>(std::accumulate(loads.begin(), loads.end(), std::int64_t{0}));
  if (total <= 0.0) return 0.0;
  double entropy = 0.0;
  for (auto load : loads) {
    if (load <= 0) continue;
    const double p = static_cast<double>(load) / total;
    entropy -= p * std::log(p);
  }
  return entropy / std::log(static_cast<double>(loads.size()));
}

}  // namespace routelab
