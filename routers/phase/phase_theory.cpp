#include "routers/phase/phase_theory.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace routelab::phase {

namespace {

double log_choose(double n, double r) { return std::lgamma(n + 1) - std::lgamma(r + 1) - std::lgamma(n - r + 1); }

// E[min(k, X)] for X ~ Hypergeometric(population, marked, drawn). Only the terms below k are
// summed (O(k)): E[min(k, X)] = sum_{c<k} c P(c) + k P(X >= k).
double expected_capped_hypergeometric(std::int64_t population, std::int64_t marked, std::int64_t drawn, std::int64_t k) {
  const std::int64_t low = std::max<std::int64_t>(0, drawn + marked - population);
  const std::int64_t high = std::min(drawn, marked);
  if (k >= high) return static_cast<double>(drawn) * static_cast<double>(marked) / static_cast<double>(population);
  if (k <= low) return static_cast<double>(k);
  const auto n = static_cast<double>(population), m = static_cast<double>(marked), d = static_cast<double>(drawn);
  // Walk log P(c) from the lowest support point (tiny far-off terms underflow to 0 harmlessly).
  double log_probability =
      log_choose(m, static_cast<double>(low)) + log_choose(n - m, d - static_cast<double>(low)) - log_choose(n, d);
  double below = 0;       // P(X < k)
  double capped_sum = 0;  // sum_{c<k} c P(c)
  for (std::int64_t c = low; c < k; ++c) {
    const double probability = std::exp(log_probability);
    below += probability;
    capped_sum += static_cast<double>(c) * probability;
    // P(c + 1) / P(c) = (m - c)(d - c) / ((c + 1)(n - m - d + c + 1))
    const auto x = static_cast<double>(c);
    log_probability += std::log((m - x) * (d - x)) - std::log((x + 1) * (n - m - d + x + 1));
  }
  return capped_sum + static_cast<double>(k) * std::max(0.0, 1.0 - below);
}

}  // namespace

double expected_row_candidates(std::int64_t s_i, std::int64_t sum_t, std::int64_t rows, std::int64_t cols) {
  return static_cast<double>(s_i) * static_cast<double>(sum_t) / (static_cast<double>(rows) * static_cast<double>(cols));
}

double expected_row_routes(std::int64_t s_i, std::int64_t k, std::int64_t sum_t, std::int64_t rows, std::int64_t cols) {
  const std::int64_t laps = sum_t / rows;
  const std::int64_t extra = sum_t % rows;  // positions covered by one more lap
  const double p_more = static_cast<double>(extra) / static_cast<double>(rows);
  double expected = (1.0 - p_more) * expected_capped_hypergeometric(cols, std::min(laps, cols), s_i, k);
  if (extra > 0) expected += p_more * expected_capped_hypergeometric(cols, std::min(laps + 1, cols), s_i, k);
  return expected;
}

double expected_routes(std::span<const std::int64_t> s, std::span<const std::int64_t> t, std::int64_t k) {
  const auto rows = static_cast<std::int64_t>(s.size());
  const auto cols = static_cast<std::int64_t>(t.size());
  const std::int64_t sum_t = std::accumulate(t.begin(), t.end(), std::int64_t{0});
  std::map<std::int64_t, std::int64_t> rows_by_degree;  // rows sharing a degree share the expectation
  for (const std::int64_t d : s) ++rows_by_degree[d];
  double total = 0;
  for (const auto& [degree, count] : rows_by_degree)
    total += static_cast<double>(count) * expected_row_routes(degree, k, sum_t, rows, cols);
  return total;
}

}  // namespace routelab::phase
