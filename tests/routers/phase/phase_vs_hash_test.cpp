// The published comparison "phase router vs hash router" (evaluation/phase_router_vs_hash.py of
// the published library), its construction reproduced with the project's generators and the
// properties that hold at any size asserted.
//
// This is not the published configuration: N = 2048 (not 32,000), one k per test and the
// project's generators instead of numpy's. The published configuration (N = 32,000, k = 64 ..
// 12800, numpy's streams and seeds) is scripts/phase/phase_vs_hash.py, whose table is in
// docs/phase-router.md ("Phase against hash, like for like"): there the hash router has the LOWER
// single-phase skew at every k (64 .. 12800), as in this file's printout (SinglePhasePublishedInputs claims the
// column bound and the t-tracking, not a lower skew); phase wins the two-phase adversarial test.
//
// The hash router of that comparison keeps, for row i, up to k random columns of S[i] AND T[i]
// (positional intersection). Single phase: S and T with row degrees uniform on [1, k] at random
// positions. Two-phase adversarial: phase 1 routes uniform-k matrices; phase 2's S gives every row
// the k columns of one of 128 buckets, the published bucket hash: (sum of the row's phase-1 route
// columns) mod 128, so rows with the same routes (e.g. none at all) share a bucket; T2 is a fresh
// uniform-k matrix.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "routers/phase/phase_route.hpp"
#include "routers/phase/phase_theory.hpp"
#include "tests/routers/phase/phase_test_inputs.hpp"

namespace routelab::phase {
namespace {

constexpr std::int64_t kBuckets = 128;

struct ColumnSummary {
  std::int64_t max = 0;
  double mean = 0;
  double skew = 0;  // max / mean
  double fill = 0;  // routes / (N k)
};

ColumnSummary summarize(const std::vector<std::int32_t>& routes, std::int64_t n, std::int64_t k) {
  std::vector<std::int64_t> load(static_cast<std::size_t>(n), 0);
  std::int64_t active = 0;
  for (const std::int32_t j : routes)
    if (j >= 0) {
      ++load[static_cast<std::size_t>(j)];
      ++active;
    }
  ColumnSummary summary;
  summary.max = *std::max_element(load.begin(), load.end());
  summary.mean = static_cast<double>(active) / static_cast<double>(n);
  summary.skew = summary.mean > 0 ? static_cast<double>(summary.max) / summary.mean : 0.0;
  summary.fill = static_cast<double>(active) / static_cast<double>(n * k);
  return summary;
}

// Up to k random columns of S[i] AND T[i], a uniform choice from the row's own seeded stream.
std::vector<std::int32_t> hash_route(const std::vector<std::uint8_t>& s, const std::vector<std::uint8_t>& t, std::int64_t n,
                                     std::int64_t k, std::uint64_t seed) {
  std::vector<std::int32_t> routes(static_cast<std::size_t>(n * k), -1);
  std::vector<std::int32_t> candidates;
  for (std::int64_t i = 0; i < n; ++i) {
    candidates.clear();
    for (std::int64_t j = 0; j < n; ++j)
      if (s[static_cast<std::size_t>(i * n + j)] & t[static_cast<std::size_t>(i * n + j)]) candidates.push_back(static_cast<std::int32_t>(j));
    CounterRng rng(row_key(seed, static_cast<std::uint64_t>(i)));
    for (std::size_t c = candidates.size(); c > 1; --c)
      std::swap(candidates[c - 1], candidates[rng.below(static_cast<std::uint32_t>(c))]);
    for (std::size_t c = 0; c < candidates.size() && static_cast<std::int64_t>(c) < k; ++c)
      routes[static_cast<std::size_t>(i * k) + c] = candidates[c];
  }
  return routes;
}

// Phase 2's S: row i gets the k columns of bucket (sum of row i's route columns) mod 128.
std::vector<std::uint8_t> adversarial_s(const std::vector<std::int32_t>& routes, std::int64_t n, std::int64_t k,
                                        std::uint64_t seed) {
  std::vector<std::vector<std::int32_t>> bucket_columns;
  for (std::int64_t b = 0; b < kBuckets; ++b) {
    const auto order = make_permutation(n, mix64(seed + static_cast<std::uint64_t>(b)));
    bucket_columns.emplace_back(order.begin(), order.begin() + k);
  }
  std::vector<std::uint8_t> s(static_cast<std::size_t>(n * n), 0);
  for (std::int64_t i = 0; i < n; ++i) {
    std::int64_t h = 0;  // the published bucket hash: the sum of the row's route columns
    for (std::int64_t c = 0; c < k; ++c)
      if (const std::int32_t j = routes[static_cast<std::size_t>(i * k + c)]; j >= 0) h += j;
    for (const std::int32_t j : bucket_columns[static_cast<std::size_t>(h % kBuckets)]) s[static_cast<std::size_t>(i * n + j)] = 1;
  }
  return s;
}

std::vector<std::int32_t> phase_route(const std::vector<std::uint8_t>& s, const std::vector<std::uint8_t>& t,
                                      std::int64_t n, std::int64_t k, std::uint64_t seed) {
  PhaseOptions options;
  options.k = k;
  options.seed = seed;
  return route_dense(testing::view(s, n, n), testing::view(t, n, n), options).routes;
}

std::vector<std::int64_t> column_loads(const std::vector<std::int32_t>& routes, std::int64_t n) {
  std::vector<std::int64_t> load(static_cast<std::size_t>(n), 0);
  for (const std::int32_t j : routes)
    if (j >= 0) ++load[static_cast<std::size_t>(j)];
  return load;
}

double correlation(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
  const auto n = static_cast<double>(a.size());
  const double mean_a = std::accumulate(a.begin(), a.end(), 0.0) / n, mean_b = std::accumulate(b.begin(), b.end(), 0.0) / n;
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double x = static_cast<double>(a[i]) - mean_a, y = static_cast<double>(b[i]) - mean_b;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return ab / std::sqrt(aa * bb);
}

// Single phase. Outcome: both fill about k / (4N) of the slots, but only the phase router's loads
// follow T: column j never gets more than t_j (spec §1's column bound) and the loads track t_j (the
// t-proportional baseline), so its raw max/mean is about max(t) / mean(t), not lower than the hash
// router's. The hash router ignores T's rows as capacities and overruns many of them.
TEST(PhaseVersusHash, SinglePhasePublishedInputs) {
  const std::int64_t n = 2048, k = 256;
  const auto s_degrees = testing::uniform_degrees(n, 1, k, 42);
  const auto t_degrees = testing::uniform_degrees(n, 1, k, 123);
  const auto s = testing::scattered_matrix(s_degrees, n, 4242);
  const auto t = testing::scattered_matrix(t_degrees, n, 123123);
  const auto phase = phase_route(s, t, n, k, 1);
  const auto hash = hash_route(s, t, n, k, 1);
  const ColumnSummary p = summarize(phase, n, k), h = summarize(hash, n, k);
  const auto phase_load = column_loads(phase, n), hash_load = column_loads(hash, n);
  std::int64_t phase_over = 0, hash_over = 0;
  for (std::size_t j = 0; j < phase_load.size(); ++j) {
    phase_over += phase_load[j] > t_degrees[j] ? 1 : 0;
    hash_over += hash_load[j] > t_degrees[j] ? 1 : 0;
  }
  std::printf("single phase N=%ld k=%ld: phase skew %.3f fill %.4f corr(load, t) %.3f over t %ld | hash skew %.3f fill %.4f "
              "corr %.3f over t %ld\n", n, k, p.skew, p.fill, correlation(phase_load, t_degrees), phase_over, h.skew,
              h.fill, correlation(hash_load, t_degrees), hash_over);
  EXPECT_EQ(phase_over, 0);
  EXPECT_GT(hash_over, 10);  // 48 of 2048 columns with these seeds
  EXPECT_GT(correlation(phase_load, t_degrees), 0.8);
  EXPECT_LT(std::abs(correlation(hash_load, t_degrees)), 0.2);
  const double expected_fill = expected_routes(s_degrees, t_degrees, k) / static_cast<double>(n * k);
  EXPECT_NEAR(p.fill, expected_fill, 0.05 * expected_fill);
  EXPECT_NEAR(h.fill, expected_fill, 0.10 * expected_fill);  // E|S_i AND T_i| = s_i t_i / N: the same mean
}

// Two phases. Outcome: the phase router only sees degrees, and phase 2's rows still have k ones
// each, so its phase-2 routes are exactly a fresh routing of the same degrees (skew unchanged);
// the hash router's phase-2 rows pile onto the few buckets that phase 1's (mostly empty) routes
// selected, and its skew collapses by several times.
TEST(PhaseVersusHash, TwoPhaseAdversarial) {
  const std::int64_t n = 2048, k = 48;
  const auto uniform_k = testing::constant_degrees(n, k);
  const auto s1 = testing::scattered_matrix(uniform_k, n, 1);
  const auto t1 = testing::scattered_matrix(uniform_k, n, 2);
  const auto t2 = testing::scattered_matrix(uniform_k, n, 3);
  const auto phase1 = phase_route(s1, t1, n, k, 7);
  const auto phase2 = phase_route(adversarial_s(phase1, n, k, 123), t2, n, k, 7);
  const auto hash1 = hash_route(s1, t1, n, k, 0);
  const auto hash2 = hash_route(adversarial_s(hash1, n, k, 999), t2, n, k, 1);
  const ColumnSummary p1 = summarize(phase1, n, k), p2 = summarize(phase2, n, k);
  const ColumnSummary h1 = summarize(hash1, n, k), h2 = summarize(hash2, n, k);
  std::printf("two phase N=%ld k=%ld: phase %.3f -> %.3f (max %ld -> %ld) | hash %.3f -> %.3f (max %ld -> %ld)\n", n, k,
              p1.skew, p2.skew, p1.max, p2.max, h1.skew, h2.skew, h1.max, h2.max);
  EXPECT_EQ(phase2, phase1);
  EXPECT_GT(h2.skew, 3.0 * h1.skew);
  EXPECT_GT(h2.skew, 3.0 * p2.skew);
  for (const std::int64_t load : column_loads(phase2, n)) EXPECT_LE(load, k);
}

}  // namespace
}  // namespace routelab::phase
