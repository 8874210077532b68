// The best quality at a load bound equals brute force over every plan of small batches, and no
// exactly balanced router (base) gets below the optimum at perfect balance on semantic-clusters.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <functional>

#include "core/rng_streams.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/optimum/quality_optimum.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"

namespace routelab {
namespace {

double brute_min_loss(const std::vector<double>& loss, std::size_t tokens, const std::vector<int>& specialty_of,
                      int specialties, int k, std::int64_t bound) {
  const auto experts = static_cast<int>(specialty_of.size());
  std::vector<std::int64_t> load(specialty_of.size(), 0);
  double best = 1e300;
  std::function<void(std::size_t, double)> walk = [&](std::size_t t, double total) {
    if (t == tokens) {
      best = std::min(best, total);
      return;
    }
    for (std::uint32_t m = 0; m < (1u << experts); ++m) {
      if (std::popcount(m) != k) continue;
      bool fits = true;
      double add = 0;
      for (int e = 0; e < experts; ++e)
        if ((m >> e) & 1u) {
          fits = fits && load[static_cast<std::size_t>(e)] < bound;
          add += loss[t * static_cast<std::size_t>(specialties) + static_cast<std::size_t>(specialty_of[static_cast<std::size_t>(e)])];
        }
      if (!fits) continue;
      for (int e = 0; e < experts; ++e) load[static_cast<std::size_t>(e)] += (m >> e) & 1u;
      walk(t + 1, total + add);
      for (int e = 0; e < experts; ++e) load[static_cast<std::size_t>(e)] -= (m >> e) & 1u;
    }
  };
  walk(0, 0.0);
  return best;
}

TEST(QualityOptimum, MinTotalLossEqualsBruteForce) {
  int checked = 0;
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    RngEngine rng(seed);
    const int experts = boost::random::uniform_int_distribution<int>(1, 5)(rng);
    const int specialties = boost::random::uniform_int_distribution<int>(1, experts)(rng);
    const int k = boost::random::uniform_int_distribution<int>(1, std::min(experts, 3))(rng);
    const auto tokens = boost::random::uniform_int_distribution<std::size_t>(1, 4)(rng);
    std::vector<int> specialty_of(static_cast<std::size_t>(experts));
    for (int e = 0; e < experts; ++e) specialty_of[static_cast<std::size_t>(e)] = e % specialties;
    std::vector<double> loss(tokens * static_cast<std::size_t>(specialties));
    for (auto& l : loss) l = boost::random::uniform_real_distribution<double>(0, 2)(rng);
    const auto fair = static_cast<std::int64_t>((tokens * static_cast<std::size_t>(k) + static_cast<std::size_t>(experts) - 1) /
                                                static_cast<std::size_t>(experts));
    for (const std::int64_t bound : {fair, fair + 1, static_cast<std::int64_t>(tokens)}) {
      const double got = min_total_loss(loss, tokens, specialty_of, specialties, k, bound);
      EXPECT_NEAR(got, brute_min_loss(loss, tokens, specialty_of, specialties, k, bound), 1e-6)
          << "seed " << seed << " E=" << experts << " S=" << specialties << " k=" << k << " bound " << bound;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 450);
}

TEST(QualityOptimum, NoBalancedRouterBeatsTheBestQualityAtPerfectBalance) {
  ScenarioSpec scenario = load_builtin_scenario("semantic-clusters");
  scenario.workload.total_tokens = 4096;
  const RunResult base = run_scenario(scenario, RouterSpec{"base", {}}, 0, builtin_router_registry());
  ASSERT_TRUE(base.quality.has_value());
  ASSERT_EQ(base.optimum.quality.size(), 3u);
  EXPECT_EQ(base.optimum.quality[0].load_bound, 1.0);
  // base fills every slot with every batch exactly balanced, so the optimum at bound 1 binds it.
  EXPECT_EQ(base.summary.fill_ratio, 1.0);
  EXPECT_EQ(base.summary.assignments_dropped, 0);
  EXPECT_GE(base.quality->expert_loss_mean, base.optimum.quality[0].expert_loss_mean - 1e-9);
  // Looser bounds allow better quality, down to (never below) the loss floor that ignores load.
  EXPECT_GE(base.optimum.quality[0].expert_loss_mean, base.optimum.quality[1].expert_loss_mean);
  EXPECT_GE(base.optimum.quality[1].expert_loss_mean, base.optimum.quality[2].expert_loss_mean);
  EXPECT_GE(base.optimum.quality[2].expert_loss_mean, base.quality->expert_loss_best - 1e-9);
}

}  // namespace
}  // namespace routelab
