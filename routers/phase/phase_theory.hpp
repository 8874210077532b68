#pragma once
// Exact expectations of the phase operator over its random permutations (spec §1-§2), used as
// oracles by the tests and as the theoretical side of the statistics toolkit.
//
// The T arcs tile the unrolled line [0, sum t) end to end, so a token position u of the T ring is
// covered by L(u) = ceil((sum t - u) / B) arcs: L = q + 1 for u < r and L = q otherwise, where
// sum t = q B + r. Given u, row i's candidates are the covering columns that pi_S maps into its S
// arc: pi_S is a uniform permutation independent of pi_T, so their number is hypergeometric,
// C_i ~ Hypergeometric(population E, L marked, s_i drawn), and u is uniform over the ring.
#include <cstdint>
#include <span>

namespace routelab::phase {

// E[C_i] = s_i * sum(t) / (B * E); also P(candidate(i, j)) = (s_i / E) (t_j / B).
double expected_row_candidates(std::int64_t s_i, std::int64_t sum_t, std::int64_t rows, std::int64_t cols);

// E[min(k, C_i)] for one row of degree s_i.
double expected_row_routes(std::int64_t s_i, std::int64_t k, std::int64_t sum_t, std::int64_t rows, std::int64_t cols);

// E[sum_i min(k, C_i)]: the expected number of routes (fill ratio = this / (B k)).
double expected_routes(std::span<const std::int64_t> s, std::span<const std::int64_t> t, std::int64_t k);

}  // namespace routelab::phase
