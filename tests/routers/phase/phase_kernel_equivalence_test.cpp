// The fast kernels against the literal reference: identical route tables, bit for bit, on random
// and structured inputs, square (including N % 64 != 0) and rectangular, with and without row
// permutations, with pi_T drawn from the seed or supplied by the caller; and the dense-matrix
// path against the degree path.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "routers/phase/phase_route.hpp"
#include "routers/phase/phase_rng.hpp"
#include "tests/routers/phase/phase_test_inputs.hpp"

namespace routelab::phase {
namespace {

using testing::scattered_matrix;
using testing::structured_degrees;
using testing::uniform_degrees;
using testing::view;

PhaseResult route_with(const std::vector<std::int64_t>& s, const std::vector<std::int64_t>& t, std::int64_t k,
                       std::uint64_t seed, PhaseKernel kernel, bool row_permutations = false,
                       const std::vector<std::int32_t>& token_positions = {}) {
  PhaseOptions options;
  options.k = k;
  options.seed = seed;
  options.kernel = kernel;
  options.row_permutations = row_permutations;
  return route_degrees(s, t, token_positions, options);
}

// `token_positions`: pi_T supplied by the caller (empty: drawn from the seed).
void expect_all_kernels_agree(const std::vector<std::int64_t>& s, const std::vector<std::int64_t>& t, std::int64_t k,
                              std::uint64_t seed, const std::string& label, bool row_permutations = false,
                              const std::vector<std::int32_t>& token_positions = {}) {
  SCOPED_TRACE(label + " B=" + std::to_string(s.size()) + " E=" + std::to_string(t.size()) + " k=" + std::to_string(k) +
               " seed=" + std::to_string(seed) + (row_permutations ? " rowperm" : "") +
               (token_positions.empty() ? "" : " supplied pi_T"));
  const PhaseResult reference = route_with(s, t, k, seed, PhaseKernel::reference, row_permutations, token_positions);
  for (const auto kernel : {PhaseKernel::arcs, PhaseKernel::bitpacked, PhaseKernel::automatic}) {
    SCOPED_TRACE(std::string(to_string(kernel)));
    const PhaseResult fast = route_with(s, t, k, seed, kernel, row_permutations, token_positions);
    ASSERT_EQ(fast.routes, reference.routes);
    EXPECT_EQ(fast.column_load, reference.column_load);
    EXPECT_EQ(fast.stats.active_routes, reference.stats.active_routes);
    EXPECT_EQ(fast.stats.candidates, reference.stats.candidates);
    EXPECT_EQ(fast.stats.max_row_candidates, reference.stats.max_row_candidates);
  }
}

// Token permutations a caller might supply: the identity, the reversal, clustered blocks (runs of
// neighbouring positions, as a learned placement makes) and a permutation unrelated to the seed.
std::vector<std::pair<std::string, std::vector<std::int32_t>>> supplied_permutations(std::int64_t b) {
  std::vector<std::int32_t> identity(static_cast<std::size_t>(b));
  std::iota(identity.begin(), identity.end(), 0);
  std::vector<std::int32_t> reversed(identity.rbegin(), identity.rend());
  std::vector<std::int32_t> blocks(identity);  // every third row first, then the others
  std::stable_partition(blocks.begin(), blocks.end(), [](std::int32_t u) { return u % 3 == 0; });
  return {{"identity", identity},
          {"reversed", reversed},
          {"blocks", invert_permutation(blocks)},
          {"random", make_permutation(b, 0x5eedULL + static_cast<std::uint64_t>(b))}};
}

class SquareSizes : public ::testing::TestWithParam<std::int64_t> {};

TEST_P(SquareSizes, RandomDegreesMatchReference) {
  const std::int64_t n = GetParam();
  const std::uint64_t seeds[] = {0, 7, 0xdeadbeefULL};
  for (const std::uint64_t seed : seeds) {
    if (n >= 1000 && seed != 0) continue;  // the reference is O(N^2): keep the big sizes to one seed
    const auto s = uniform_degrees(n, 0, n, seed + 1);
    const auto t = uniform_degrees(n, 0, n, seed + 2);
    for (const std::int64_t k : {std::int64_t{1}, std::int64_t{3}, n})
      expect_all_kernels_agree(s, t, k, seed, "uniform 0..N");
    const std::int64_t published_k = std::max<std::int64_t>(1, n / 8);
    expect_all_kernels_agree(uniform_degrees(n, 1, published_k, seed + 3), uniform_degrees(n, 1, published_k, seed + 4),
                             published_k, seed, "published inputs");
  }
}

TEST_P(SquareSizes, StructuredDegreesMatchReference) {
  const std::int64_t n = GetParam();
  const auto patterns = structured_degrees(n, n);
  for (std::size_t a = 0; a < patterns.size(); ++a) {
    const auto& [s_name, s] = patterns[a];
    const auto& [t_name, t] = patterns[(a * 3 + 1) % patterns.size()];
    expect_all_kernels_agree(s, t, std::max<std::int64_t>(1, n / 3), 11, s_name + " x " + t_name);
    if (n >= 1000) continue;
    expect_all_kernels_agree(s, s, 2, 12, s_name + " x itself");
  }
}

TEST_P(SquareSizes, RowPermutationsMatchReference) {
  const std::int64_t n = GetParam();
  expect_all_kernels_agree(uniform_degrees(n, 0, n, 5), uniform_degrees(n, 0, n, 6), std::max<std::int64_t>(1, n / 4),
                           99, "uniform", true);
}

INSTANTIATE_TEST_SUITE_P(PhaseKernels, SquareSizes, ::testing::Values(1, 2, 63, 64, 65, 100, 127, 128, 1000, 1024));

TEST(PhaseKernels, RectangularMatchReference) {
  const std::pair<std::int64_t, std::int64_t> shapes[] = {{1, 5}, {5, 1}, {7, 64}, {64, 7}, {100, 13},
                                                          {13, 100}, {256, 1000}, {1000, 64}, {129, 65}};
  for (const auto& [b, e] : shapes) {
    for (const std::uint64_t seed : {std::uint64_t{0}, std::uint64_t{3}}) {
      const auto s = uniform_degrees(b, 0, e, seed + 10);
      const auto t = uniform_degrees(e, 0, b, seed + 20);
      for (const std::int64_t k : {std::int64_t{1}, std::int64_t{2}, std::int64_t{8}, e})
        expect_all_kernels_agree(s, t, k, seed, "rectangular");
      expect_all_kernels_agree(s, t, 4, seed, "rectangular", true);
      // MoE reading: every token may use every expert; capacities tile the token ring.
      const std::int64_t capacity = std::max<std::int64_t>(1, std::min<std::int64_t>(b, (b * 2 * 5 + 4 * e - 1) / (4 * e)));
      expect_all_kernels_agree(testing::constant_degrees(b, e), testing::constant_degrees(e, capacity), 2, seed, "moe");
    }
  }
}

TEST(PhaseKernels, SuppliedTokenPermutationMatchesReference) {
  const std::pair<std::int64_t, std::int64_t> shapes[] = {{1, 1}, {2, 3}, {63, 63}, {65, 65}, {7, 64},
                                                          {100, 13}, {129, 65}, {256, 16}, {1000, 64}};
  for (const auto& [b, e] : shapes) {
    const auto s = uniform_degrees(b, 0, e, 70);
    const auto t = uniform_degrees(e, 0, b, 71);
    // MoE reading (learned_seed's case): every token may use every expert; capacities tile the ring.
    const auto all = testing::constant_degrees(b, e);
    const auto capacities = testing::constant_degrees(e, std::max<std::int64_t>(1, std::min<std::int64_t>(b, (5 * b + 2 * e - 1) / (2 * e))));
    for (const auto& [name, positions] : supplied_permutations(b)) {
      for (const std::int64_t k : {std::int64_t{1}, std::int64_t{2}, std::int64_t{8}})
        expect_all_kernels_agree(s, t, k, 72, "uniform, " + name, false, positions);
      expect_all_kernels_agree(s, t, 3, 73, "uniform, " + name, true, positions);
      expect_all_kernels_agree(all, capacities, 2, 74, "moe, " + name, false, positions);
    }
  }
}

TEST(PhaseKernels, SupplyingTheSeededPermutationChangesNothing) {
  // pi_T given as exactly the permutation the seed would draw: the same table, for every kernel.
  for (const auto& [b, e] : {std::pair<std::int64_t, std::int64_t>{100, 13}, {64, 64}, {300, 7}}) {
    const auto s = uniform_degrees(b, 0, e, 80);
    const auto t = uniform_degrees(e, 0, b, 81);
    const PhaseOperator op(s, t, 82, false);
    const std::vector<std::int32_t> seeded(op.pi_t().begin(), op.pi_t().end());
    const PhaseOperator with_rows(s, t, 82, true);
    const std::vector<std::int32_t> seeded_rows(with_rows.pi_t().begin(), with_rows.pi_t().end());
    for (const auto kernel : {PhaseKernel::reference, PhaseKernel::arcs, PhaseKernel::bitpacked}) {
      EXPECT_EQ(route_with(s, t, 4, 82, kernel, false, seeded).routes, route_with(s, t, 4, 82, kernel).routes)
          << to_string(kernel);
      EXPECT_EQ(route_with(s, t, 4, 82, kernel, true, seeded_rows).routes, route_with(s, t, 4, 82, kernel, true).routes)
          << to_string(kernel) << " rowperm";
    }
  }
}

TEST(PhaseKernels, DensePathMatchesDegreePathAndLiteralReference) {
  for (const auto& [b, e] : {std::pair<std::int64_t, std::int64_t>{100, 100}, {65, 130}, {200, 33}}) {
    const auto s_degrees = uniform_degrees(b, 0, e, 41);
    const auto t_degrees = uniform_degrees(e, 0, b, 42);
    const auto s = scattered_matrix(s_degrees, e, 43);
    const auto t = scattered_matrix(t_degrees, b, 44);
    PhaseOptions options;
    options.k = 5;
    options.seed = 45;
    const PhaseResult by_degrees = route_degrees(s_degrees, t_degrees, options);
    for (const auto kernel : {PhaseKernel::reference, PhaseKernel::arcs, PhaseKernel::bitpacked, PhaseKernel::automatic}) {
      options.kernel = kernel;  // the reference aligns the scattered rows literally (step 1)
      const PhaseResult dense = route_dense(view(s, b, e), view(t, e, b), options);
      EXPECT_EQ(dense.routes, by_degrees.routes) << to_string(kernel);
      EXPECT_EQ(dense.stats.active_routes, by_degrees.stats.active_routes);
    }
  }
}

}  // namespace
}  // namespace routelab::phase
