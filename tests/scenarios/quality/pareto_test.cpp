// The Pareto front on (mean expert loss, load max/mean) and the identical-token floor.
#include "scenarios/quality/pareto.hpp"

#include <gtest/gtest.h>

#include <vector>

#include <cmath>

#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"
#include "scenarios/quality/stream_profile.hpp"

namespace routelab {
namespace {

TEST(ParetoFront, KeepsExactlyTheUndominatedPoints) {
  const std::vector<TradeoffPoint> points{
      {"hash", 1.9, 2.6},        // dominated by uniform (worse loss, worse balance)
      {"uniform", 1.9, 1.3},     // dominated by phase (same loss, better balance)
      {"phase", 1.9, 1.25},      // best balance
      {"softmax", 0.2, 7.4},     // best quality
      {"learned", 0.9, 1.25},    // same balance as phase, better quality: dominates phase
      {"signature", 0.3, 5.6},   // between softmax and learned: undominated
      {"twin", 0.9, 1.25},       // equal to learned: neither dominates the other
  };
  const std::vector<std::size_t> front = pareto_front(points);
  EXPECT_EQ(front, (std::vector<std::size_t>{3, 4, 5, 6}));
}

TEST(ParetoFront, EmptyAndSingle) {
  EXPECT_TRUE(pareto_front({}).empty());
  const std::vector<TradeoffPoint> one{{"a", 1, 1}};
  EXPECT_EQ(pareto_front(one), (std::vector<std::size_t>{0}));
}

TEST(StreamProfile, CountsTheCommonestKeyAndItsFloor) {
  // zipf-hot: Zipf(1.2) over V = 50,257 keys; rank 1 has probability 1 / H(V, 1.2).
  ScenarioSpec scenario = load_builtin_scenario("zipf-hot");
  scenario.workload.total_tokens = 40000;
  double harmonic = 0;
  for (std::uint64_t rank = 1; rank <= scenario.workload.vocabulary; ++rank)
    harmonic += std::pow(static_cast<double>(rank), -scenario.workload.zipf_s);
  auto stream = make_workload(scenario, 0);
  const StreamProfile profile = profile_stream(*stream);
  EXPECT_EQ(profile.tokens, 40000);
  EXPECT_EQ(profile.hottest_key, 0U);  // the workload numbers ranks from key 0
  EXPECT_NEAR(profile.hottest_key_share, 1.0 / harmonic, 0.006);  // ~4 standard errors
  EXPECT_DOUBLE_EQ(profile.identical_token_floor(64, 1), 64 * profile.hottest_key_share);
  EXPECT_DOUBLE_EQ(profile.identical_token_floor(64, 2), 32 * profile.hottest_key_share);
}

}  // namespace
}  // namespace routelab
