// Spec §1's expectations checked two ways: exactly, against an enumeration of every pair of column
// permutations for tiny operators; and statistically, over fixed seeds, for the kernels' output.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "routers/phase/phase_route.hpp"
#include "routers/phase/phase_theory.hpp"
#include "tests/routers/phase/phase_test_inputs.hpp"

namespace routelab::phase {
namespace {

// E[sum_i min(k, C_i)] by brute force: every pi_S (E!) and pi_T (B!), the closed form written out
// from the degrees alone.
double enumerated_expected_routes(const std::vector<std::int64_t>& s, const std::vector<std::int64_t>& t, std::int64_t k) {
  const auto b = static_cast<std::int64_t>(s.size()), e = static_cast<std::int64_t>(t.size());
  std::vector<std::int64_t> phi_s(s.size(), 0), phi_t(t.size(), 0);
  for (std::size_t i = 1; i < s.size(); ++i) phi_s[i] = (phi_s[i - 1] + s[i - 1]) % e;
  for (std::size_t j = 1; j < t.size(); ++j) phi_t[j] = (phi_t[j - 1] + t[j - 1]) % b;
  auto on_arc = [](std::int64_t position, std::int64_t offset, std::int64_t length, std::int64_t ring) {
    return ((position - offset) % ring + ring) % ring < length;
  };
  std::vector<std::int64_t> pi_s(static_cast<std::size_t>(e)), pi_t(static_cast<std::size_t>(b));
  std::iota(pi_s.begin(), pi_s.end(), 0);
  double total = 0;
  std::int64_t cases = 0;
  do {
    std::iota(pi_t.begin(), pi_t.end(), 0);
    do {
      for (std::int64_t i = 0; i < b; ++i) {
        std::int64_t candidates = 0;
        for (std::int64_t j = 0; j < e; ++j)
          candidates += on_arc(pi_s[static_cast<std::size_t>(j)], phi_s[static_cast<std::size_t>(i)], s[static_cast<std::size_t>(i)], e) &&
                                on_arc(pi_t[static_cast<std::size_t>(i)], phi_t[static_cast<std::size_t>(j)], t[static_cast<std::size_t>(j)], b)
                            ? 1
                            : 0;
        total += static_cast<double>(std::min(k, candidates));
      }
      ++cases;
    } while (std::next_permutation(pi_t.begin(), pi_t.end()));
  } while (std::next_permutation(pi_s.begin(), pi_s.end()));
  return total / static_cast<double>(cases);
}

TEST(PhaseTheory, ExpectedRoutesMatchesEnumerationOfAllPermutations) {
  const std::vector<std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>>> cases = {
      {{2, 3, 1, 0}, {4, 1, 3}},           // B = 4, E = 3
      {{3, 3, 3, 3}, {4, 4, 4}},           // every token full, capacities tile the ring 3 times
      {{1, 2, 3}, {3, 0, 2, 1}},           // B = 3, E = 4
      {{5, 0, 2, 4, 1}, {2, 5, 1, 3, 4}},  // B = E = 5
  };
  for (const auto& [s, t] : cases)
    for (std::int64_t k = 1; k <= static_cast<std::int64_t>(t.size()); ++k)
      EXPECT_NEAR(expected_routes(s, t, k), enumerated_expected_routes(s, t, k), 1e-9) << "k=" << k;
}

TEST(PhaseTheory, CandidateAndRouteCountsMatchExpectationsOverFixedSeeds) {
  const std::int64_t b = 120, e = 90, k = 3, samples = 400;
  const auto s = testing::uniform_degrees(b, 0, e, 61);
  const auto t = testing::uniform_degrees(e, 0, b, 62);
  const std::int64_t sum_t = std::accumulate(t.begin(), t.end(), std::int64_t{0});
  // Per row over the samples: candidates (k = E keeps them all) and routes under the bound k.
  std::vector<double> row_sum(static_cast<std::size_t>(b), 0), row_squares(static_cast<std::size_t>(b), 0);
  std::vector<double> routes(static_cast<std::size_t>(samples), 0);
  for (std::int64_t m = 0; m < samples; ++m) {
    PhaseOptions options;
    options.seed = batch_seed(2024, static_cast<std::uint64_t>(m));
    options.k = e;
    const PhaseResult all = route_degrees(s, t, options);
    for (std::int64_t i = 0; i < b; ++i) {
      const auto row = all.routes.begin() + i * e;
      const auto c = static_cast<double>(std::count_if(row, row + e, [](std::int32_t j) { return j >= 0; }));
      row_sum[static_cast<std::size_t>(i)] += c;
      row_squares[static_cast<std::size_t>(i)] += c * c;
    }
    options.k = k;
    routes[static_cast<std::size_t>(m)] = static_cast<double>(route_degrees(s, t, options).stats.active_routes);
  }
  const auto n = static_cast<double>(samples);
  double worst_z = 0;
  for (std::int64_t i = 0; i < b; ++i) {
    const double mean = row_sum[static_cast<std::size_t>(i)] / n;
    const double variance = row_squares[static_cast<std::size_t>(i)] / n - mean * mean;
    const double expected = expected_row_candidates(s[static_cast<std::size_t>(i)], sum_t, b, e);
    if (variance <= 0) {
      EXPECT_NEAR(mean, expected, 1e-9) << "row " << i;  // e.g. s_i = 0
      continue;
    }
    worst_z = std::max(worst_z, std::abs(mean - expected) / std::sqrt(variance / n));
  }
  EXPECT_LT(worst_z, 4.5) << "a row's mean candidate count is off s_i sum(t) / (B E)";
  const double mean_routes = std::accumulate(routes.begin(), routes.end(), 0.0) / n;
  double spread = 0;
  for (const double r : routes) spread += (r - mean_routes) * (r - mean_routes);
  const double standard_error = std::sqrt(spread / (n - 1) / n);
  EXPECT_NEAR(mean_routes, expected_routes(s, t, k), 4 * standard_error);
}

TEST(PhaseTheory, FillOfPublishedInputsIsAboutKOverFourN) {
  // The published inputs fill about k / (4N) of the route slots (reference/figures.md).
  const std::int64_t n = 4096, k = 512;
  const auto s = testing::uniform_degrees(n, 1, k, 1);
  const auto t = testing::uniform_degrees(n, 1, k, 2);
  const double fill = expected_routes(s, t, k) / static_cast<double>(n * k);
  EXPECT_NEAR(fill, static_cast<double>(k) / (4.0 * n), 0.1 * static_cast<double>(k) / (4.0 * n));
}

}  // namespace
}  // namespace routelab::phase
