// Properties spec §1 states exactly: every route satisfies the closed form and every candidate of
// a row is kept when there are at most k; row bound min(k, s_i); column bound t_j; all-ones inputs
// route every pair (N % 64 != 0 included); the output depends on the seed and on nothing else, not
// even the thread count.
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <set>

#include "routers/phase/phase_operator.hpp"
#include "routers/phase/phase_route.hpp"
#include "tests/routers/phase/phase_test_inputs.hpp"

namespace routelab::phase {
namespace {

using testing::uniform_degrees;

PhaseOptions options_for(std::int64_t k, std::uint64_t seed, PhaseKernel kernel = PhaseKernel::automatic) {
  PhaseOptions options;
  options.k = k;
  options.seed = seed;
  options.kernel = kernel;
  return options;
}

// candidate(i, j) straight from the closed form, with the operator's permutations and arcs.
bool closed_form(const PhaseOperator& op, std::int32_t i, std::int32_t j) {
  return arc_contains(op.row_arcs()[static_cast<std::size_t>(i)], op.pi_s()[static_cast<std::size_t>(j)], op.cols()) &&
         arc_contains(op.column_arcs()[static_cast<std::size_t>(j)], op.pi_t()[static_cast<std::size_t>(i)], op.rows());
}

void expect_well_formed(const std::vector<std::int64_t>& s, const std::vector<std::int64_t>& t, std::int64_t k,
                        std::uint64_t seed, bool row_permutations) {
  PhaseOptions options = options_for(k, seed);
  options.row_permutations = row_permutations;
  const PhaseResult result = route_degrees(s, t, options);
  const PhaseOperator op(s, t, seed, row_permutations);
  const auto rows = static_cast<std::int32_t>(s.size());
  const auto cols = static_cast<std::int32_t>(t.size());
  std::vector<std::int64_t> load(static_cast<std::size_t>(cols), 0);
  for (std::int32_t i = 0; i < rows; ++i) {
    const auto* row = result.routes.data() + static_cast<std::size_t>(i) * static_cast<std::size_t>(k);
    std::set<std::int32_t> seen;
    std::int64_t routes = 0;
    for (std::int64_t c = 0; c < k; ++c) {
      if (row[c] < 0) {
        ASSERT_EQ(row[c], -1);
        continue;
      }
      ASSERT_EQ(routes, c) << "padding before a route in row " << i;
      ASSERT_LT(row[c], cols);
      ASSERT_TRUE(seen.insert(row[c]).second) << "column twice in row " << i;
      ASSERT_TRUE(closed_form(op, i, row[c])) << "route (" << i << ", " << row[c] << ") is not a candidate";
      ++load[static_cast<std::size_t>(row[c])];
      ++routes;
    }
    std::int64_t candidates = 0;
    for (std::int32_t j = 0; j < cols; ++j) candidates += closed_form(op, i, j) ? 1 : 0;
    // Row bound, and nothing lost: exactly min(k, candidates) routes.
    const std::int64_t own_degree = row_permutations ? s[static_cast<std::size_t>(op.rho_s()[static_cast<std::size_t>(i)])]
                                                     : s[static_cast<std::size_t>(i)];
    ASSERT_LE(routes, std::min(k, own_degree));
    ASSERT_EQ(routes, std::min(k, candidates)) << "row " << i;
  }
  for (std::int32_t j = 0; j < cols; ++j) {
    const std::int64_t capacity = row_permutations ? t[static_cast<std::size_t>(op.rho_t()[static_cast<std::size_t>(j)])]
                                                   : t[static_cast<std::size_t>(j)];
    ASSERT_LE(load[static_cast<std::size_t>(j)], capacity) << "column bound, column " << j;
    ASSERT_EQ(load[static_cast<std::size_t>(j)], result.column_load[static_cast<std::size_t>(j)]);
  }
}

TEST(PhaseProperties, RoutesAreCandidatesWithinRowAndColumnBounds) {
  const std::pair<std::int64_t, std::int64_t> shapes[] = {{1, 1}, {2, 3}, {63, 63}, {65, 65}, {100, 100}, {300, 40}, {40, 300}};
  for (const auto& [b, e] : shapes)
    for (const std::uint64_t seed : {0ULL, 1ULL, 77ULL})
      for (const std::int64_t k : {std::int64_t{1}, std::int64_t{4}, e}) {
        SCOPED_TRACE("B=" + std::to_string(b) + " E=" + std::to_string(e) + " k=" + std::to_string(k));
        const auto s = uniform_degrees(b, 0, e, seed + 5);
        const auto t = uniform_degrees(e, 0, b, seed + 6);
        expect_well_formed(s, t, k, seed, false);
        expect_well_formed(s, t, k, seed, true);
      }
}

TEST(PhaseProperties, AllOnesAtN100RoutesEveryPairUpToK) {
  const std::int64_t n = 100;
  const std::vector<std::uint8_t> ones(static_cast<std::size_t>(n * n), 1);
  const BinaryMatrixView s{ones.data(), n, n, n}, t{ones.data(), n, n, n};
  for (const auto kernel : {PhaseKernel::reference, PhaseKernel::arcs, PhaseKernel::bitpacked, PhaseKernel::automatic}) {
    for (const std::int64_t k : {std::int64_t{1}, std::int64_t{37}, n, std::int64_t{150}}) {
      SCOPED_TRACE(std::string(to_string(kernel)) + " k=" + std::to_string(k));
      const PhaseResult result = route_dense(s, t, options_for(k, 9, kernel));
      EXPECT_EQ(result.stats.candidates, n * n);  // every pair is a candidate
      EXPECT_EQ(result.stats.active_routes, n * std::min(k, n));
      for (std::int64_t i = 0; i < n; ++i) {
        std::vector<std::int32_t> row(result.routes.begin() + i * k, result.routes.begin() + (i + 1) * k);
        const auto routed = std::count_if(row.begin(), row.end(), [](std::int32_t j) { return j >= 0; });
        ASSERT_EQ(routed, std::min(k, n)) << "row " << i;
        if (k >= n) {
          std::sort(row.begin(), row.begin() + n);
          for (std::int32_t j = 0; j < n; ++j) ASSERT_EQ(row[static_cast<std::size_t>(j)], j) << "row " << i;
        }
      }
      if (k >= n) {
        for (const std::int64_t load : result.column_load) EXPECT_EQ(load, n);
      }
    }
  }
}

TEST(PhaseProperties, OutputIsIdenticalOnOneTwoAndFourThreads) {
  // Large enough that every kernel and the dense reader share their work among threads.
  const std::int64_t n = 4096, dense_n = 1500;
  const auto s = uniform_degrees(n, 0, n, 21);
  const auto t = uniform_degrees(n, 0, n, 22);
  const auto dense_s = uniform_degrees(dense_n, 0, dense_n, 25);
  const auto dense_t = uniform_degrees(dense_n, 0, dense_n, 26);
  const auto s_matrix = testing::scattered_matrix(dense_s, dense_n, 23);
  const auto t_matrix = testing::scattered_matrix(dense_t, dense_n, 24);
  const int saved = omp_get_max_threads();
  for (const auto kernel : {PhaseKernel::arcs, PhaseKernel::bitpacked, PhaseKernel::automatic}) {
    std::vector<PhaseResult> by_threads;
    std::vector<PhaseResult> dense_by_threads;
    for (const int threads : {1, 2, 4}) {
      omp_set_num_threads(threads);
      by_threads.push_back(route_degrees(s, t, options_for(40, 5, kernel)));
      dense_by_threads.push_back(route_dense(testing::view(s_matrix, dense_n, dense_n),
                                             testing::view(t_matrix, dense_n, dense_n), options_for(40, 5, kernel)));
    }
    for (std::size_t r = 1; r < by_threads.size(); ++r) {
      EXPECT_EQ(by_threads[r].routes, by_threads[0].routes) << to_string(kernel);
      EXPECT_EQ(by_threads[r].column_load, by_threads[0].column_load);
      EXPECT_EQ(by_threads[r].stats.candidates, by_threads[0].stats.candidates);
      EXPECT_EQ(dense_by_threads[r].routes, dense_by_threads[0].routes) << "dense path, " << to_string(kernel);
    }
  }
  omp_set_num_threads(saved);
}

TEST(PhaseProperties, SeedDecidesTheOutputAndZeroIsASeed) {
  const auto s = uniform_degrees(200, 1, 50, 31);
  const auto t = uniform_degrees(200, 1, 50, 32);
  const PhaseResult zero = route_degrees(s, t, options_for(8, 0));
  EXPECT_EQ(route_degrees(s, t, options_for(8, 0)).routes, zero.routes);
  EXPECT_NE(route_degrees(s, t, options_for(8, 1)).routes, zero.routes);
  EXPECT_NE(route_degrees(s, t, options_for(8, batch_seed(0, 1))).routes, route_degrees(s, t, options_for(8, batch_seed(0, 2))).routes);
}

TEST(PhaseProperties, OnlyDegreesMatterNotWhereTheOnesAre) {
  const std::int64_t b = 90, e = 70;
  const auto s = uniform_degrees(b, 0, e, 51);
  const auto t = uniform_degrees(e, 0, b, 52);
  const PhaseResult first = route_dense(testing::view(testing::scattered_matrix(s, e, 1), b, e),
                                        testing::view(testing::scattered_matrix(t, b, 2), e, b), options_for(6, 3));
  const PhaseResult second = route_dense(testing::view(testing::scattered_matrix(s, e, 3), b, e),
                                         testing::view(testing::scattered_matrix(t, b, 4), e, b), options_for(6, 3));
  EXPECT_EQ(first.routes, second.routes);
}

TEST(PhaseProperties, MoeCapacitiesThatTileTheTokenRingGiveEveryTokenKCandidates) {
  // Spec §2: s_i = E and sum(t) >= k B, t_j <= B: every token has at least k candidates, no expert
  // exceeds its capacity.
  const std::int64_t b = 512, e = 64, k = 2;
  const std::int64_t capacity = (b * k * 5 / 4 + e - 1) / e;  // capacity factor 1.25
  const std::vector<std::int64_t> s(static_cast<std::size_t>(b), e), t(static_cast<std::size_t>(e), capacity);
  for (const std::uint64_t seed : {0ULL, 1ULL, 2ULL, 3ULL}) {
    const PhaseResult result = route_degrees(s, t, options_for(k, seed));
    EXPECT_EQ(result.stats.active_routes, b * k);
    EXPECT_EQ(result.stats.fill_ratio, 1.0);
    for (const std::int64_t load : result.column_load) EXPECT_LE(load, capacity);
  }
}

}  // namespace
}  // namespace routelab::phase
