// learned_seed's training reads where a seed's tokens land off the phase operator's arcs: the
// experts a ring position's share names are exactly those whose T arcs cover it, and exactly the
// candidates the phase library routes a token at that position to.
#include "routers/learned_seed/seed_window_share.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "routers/phase/phase_route.hpp"

namespace routelab {
namespace {

// Capacities with empty arcs, whole-ring arcs, a total that is not a multiple of the ring, and
// several laps.
std::vector<std::vector<std::int64_t>> capacity_sets(std::int32_t ring) {
  std::vector<std::int64_t> mixed;
  for (int j = 0; j < 11; ++j) mixed.push_back((j * 7 + 3) % (ring + 1));
  mixed[2] = 0;
  mixed[5] = ring;
  return {std::vector<std::int64_t>(16, (5 * ring + 31) / 32), mixed, std::vector<std::int64_t>(3, 0),
          std::vector<std::int64_t>(4, ring)};
}

TEST(SeedWindowShare, APositionsShareIsSpreadOverTheArcsCoveringIt) {
  for (const std::int32_t ring : {1, 7, 64, 100}) {
    for (const auto& t : capacity_sets(ring)) {
      const phase::PhaseOperator op = full_degree_operator(t, ring);
      std::vector<double> share(t.size());
      for (std::int32_t u = 0; u < ring; ++u) {
        window_share(op, u, 1, share);
        std::int64_t covering = 0;
        for (const phase::Arc arc : op.column_arcs()) covering += phase::arc_contains(arc, u, ring) ? 1 : 0;
        for (std::size_t j = 0; j < t.size(); ++j) {
          const bool covers = phase::arc_contains(op.column_arcs()[j], u, ring);
          EXPECT_DOUBLE_EQ(share[j], covers ? 1.0 / static_cast<double>(covering) : 0.0)
              << "ring " << ring << " position " << u << " expert " << j;
        }
      }
    }
  }
}

TEST(SeedWindowShare, AWindowAveragesItsPositions) {
  const std::int32_t ring = 100;
  const auto t = capacity_sets(ring)[1];
  const phase::PhaseOperator op = full_degree_operator(t, ring);
  std::vector<double> window(t.size()), one(t.size()), sum(t.size());
  for (const auto& [offset, width] : {std::pair{0, 13}, std::pair{95, 10}, std::pair{40, 100}}) {
    std::fill(sum.begin(), sum.end(), 0.0);
    for (int step = 0; step < width; ++step) {
      window_share(op, (offset + step) % ring, 1, one);
      for (std::size_t j = 0; j < t.size(); ++j) sum[j] += one[j] / width;
    }
    window_share(op, offset, width, window);
    for (std::size_t j = 0; j < t.size(); ++j) EXPECT_NEAR(window[j], sum[j], 1e-12) << offset << "+" << width;
  }
}

TEST(SeedWindowShare, NamesTheCandidatesThePhaseLibraryRoutesTo) {
  // With k = E nothing is cut: a token's routes are all its candidates. Token i sits at ring
  // position i (a supplied pi_T), so its routes must be the experts position i's share names.
  for (const std::int32_t ring : {7, 64, 100}) {
    for (const auto& t : capacity_sets(ring)) {
      const phase::PhaseOperator op = full_degree_operator(t, ring);
      const auto experts = static_cast<std::int64_t>(t.size());
      std::vector<std::int32_t> identity(static_cast<std::size_t>(ring));
      std::iota(identity.begin(), identity.end(), 0);
      phase::PhaseOptions options;
      options.k = experts;
      options.seed = 3;
      options.layout = kLearnedSeedArcLayout;  // the arcs full_degree_operator lays
      const phase::PhaseResult result =
          phase::route_degrees(std::vector<std::int64_t>(static_cast<std::size_t>(ring), experts), t, identity, options);
      std::vector<double> share(t.size());
      for (std::int32_t u = 0; u < ring; ++u) {
        window_share(op, u, 1, share);
        std::vector<std::int32_t> named;
        for (std::size_t j = 0; j < t.size(); ++j)
          if (share[j] > 0) named.push_back(static_cast<std::int32_t>(j));
        std::vector<std::int32_t> routed;
        for (std::int64_t c = 0; c < experts; ++c)
          if (const std::int32_t e = result.routes[static_cast<std::size_t>(u * experts + c)]; e >= 0) routed.push_back(e);
        std::sort(routed.begin(), routed.end());
        EXPECT_EQ(routed, named) << "ring " << ring << " position " << u;
      }
    }
  }
}

}  // namespace
}  // namespace routelab
