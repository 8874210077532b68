// sinkhorn (S-BASE-style Sinkhorn gating): the plan's rows sum to 1 after every iteration and its
// column sums converge to B / E as the iterations grow; more iterations balance the top-k loads.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "routers/sinkhorn/sinkhorn_router.hpp"
#include "tests/support/router_harness.hpp"

namespace routelab {
namespace {

using testing::loads_of;
using testing::route_batch;
using testing::RouteCall;
using testing::tokens_with_keys;

struct Marginals {
  double row_error;     // max |row sum - 1|
  double column_error;  // sum |column sum - B / E| / B: the share of the mass on the wrong experts
};

Marginals marginals(const std::vector<double>& p, std::size_t tokens, std::size_t experts) {
  Marginals m{0, 0};
  std::vector<double> column(experts, 0.0);
  for (std::size_t t = 0; t < tokens; ++t) {
    double row = 0;
    for (std::size_t e = 0; e < experts; ++e) {
      row += p[t * experts + e];
      column[e] += p[t * experts + e];
    }
    m.row_error = std::max(m.row_error, std::abs(row - 1));
  }
  for (const double c : column) m.column_error += std::abs(c - static_cast<double>(tokens) / static_cast<double>(experts));
  m.column_error /= static_cast<double>(tokens);
  return m;
}

TEST(Sinkhorn, RowAndColumnSumsConvergeAsIterationsGrow) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    RngEngine rng(seed);
    const std::size_t tokens = 200, experts = 16;
    // Skewed affinities: expert e is worth e / 16 more to everybody, so the unbalanced plan is far off.
    std::vector<double> affinity(tokens * experts);
    for (std::size_t t = 0; t < tokens; ++t)
      for (std::size_t e = 0; e < experts; ++e)
        affinity[t * experts + e] = static_cast<double>(e) / 16.0 + boost::random::uniform_real_distribution<double>(0, 1)(rng);
    double previous = 1e300;
    std::vector<double> errors;
    for (const int iterations : {1, 2, 4, 8, 16, 32, 64, 128}) {
      std::vector<double> p = affinity;
      sinkhorn_balance(p, tokens, experts, iterations, 0.5);
      const Marginals m = marginals(p, tokens, experts);
      EXPECT_LT(m.row_error, 1e-12) << "rows are normalized last";
      EXPECT_LE(m.column_error, previous + 1e-12) << iterations << " iterations, seed " << seed;
      previous = m.column_error;
      errors.push_back(m.column_error);
    }
    EXPECT_LT(errors.back(), 1e-9) << "seed " << seed;
    EXPECT_GT(errors.front(), 100 * errors.back());
    if (seed == 1)
      std::printf("sinkhorn column error (L1 share) at 1..128 iterations: %.2e %.2e %.2e %.2e %.2e %.2e %.2e %.2e\n",
                  errors[0], errors[1], errors[2], errors[3], errors[4], errors[5], errors[6], errors[7]);
  }
}

double batch_max_over_mean(int iterations, std::uint64_t seed) {
  RouterConfig config;
  config.name = "sinkhorn";
  config.seed = seed;
  config.num_experts = 16;
  config.k = 2;
  config.params.set("iterations", std::to_string(iterations));
  SinkhornRouter router(config);
  RngEngine rng(seed);
  std::vector<std::uint64_t> keys(1024);
  for (auto& key : keys) key = boost::random::uniform_int_distribution<std::uint64_t>(0, 1u << 30)(rng);
  const auto loads = loads_of(route_batch(router, tokens_with_keys(keys), RouteCall(16, 2)), 2, 2, 16);
  return static_cast<double>(*std::max_element(loads.begin(), loads.end())) / (1024.0 * 2 / 16);
}

TEST(SinkhornRouter, IterationsBalanceTheTopKLoads) {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const double plain = batch_max_over_mean(0, seed);
    const double balanced = batch_max_over_mean(50, seed);
    EXPECT_LT(balanced, plain) << "seed " << seed;
    std::printf("seed %llu: per-batch max/mean %.3f with 0 iterations, %.3f with 50\n",
                static_cast<unsigned long long>(seed), plain, balanced);
  }
}

}  // namespace
}  // namespace routelab
