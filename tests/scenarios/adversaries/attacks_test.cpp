// Each adversary measurably hurts the router it targets and leaves a load-aware router bounded.
// Runs the library's attack scenarios on shortened streams.
#include <gtest/gtest.h>

#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"

namespace routelab {
namespace {

AdversaryReport attack(ScenarioSpec spec, const std::string& router, std::int64_t tokens) {
  spec.workload.total_tokens = tokens;
  const RunResult result = run_scenario(spec, RouterSpec{router, {}}, 0, builtin_router_registry());
  EXPECT_TRUE(result.adversary.has_value());
  return *result.adversary;
}

TEST(Attacks, SeedAwareCollisionsAmplifyHashNotGreedy) {
  const ScenarioSpec spec = load_builtin_scenario("attack-collision");
  const auto hash = attack(spec, "hash", 20480);
  const auto power_of_two = attack(spec, "power_of_two", 20480);
  const auto greedy = attack(spec, "greedy", 20480);
  // 10% of the stream on one expert of 64: max/mean ~ 64 x 0.1 + 0.9.
  EXPECT_GT(hash.amplification, 4.0);
  EXPECT_GT(power_of_two.amplification, 2.5);  // two candidates share the attack
  EXPECT_LT(greedy.amplification, 1.2);
  EXPECT_EQ(hash.stats.keys_found, 64);  // distinct colliding keys
  EXPECT_EQ(hash.attack_tokens, 2275);   // 20480 x 0.1 / 0.9, rounded down
}

TEST(Attacks, HotTokenFloodAmplifiesContentHashing) {
  const ScenarioSpec spec = load_builtin_scenario("attack-hot-flood");
  const auto hash = attack(spec, "hash", 20480);
  const auto greedy = attack(spec, "greedy", 20480);
  EXPECT_GT(hash.amplification, 1.4);
  EXPECT_GT(hash.attacked_max_over_mean, 3.2);  // >= E x share = 64 x 0.05 from the flood alone
  EXPECT_LT(greedy.amplification, 1.2);
}

TEST(Attacks, BatchColocationDropsTheVictims) {
  const ScenarioSpec spec = load_builtin_scenario("attack-colocation");
  const auto hash = attack(spec, "hash", 20480);
  const auto greedy = attack(spec, "greedy", 20480);
  // 8 of 64 experts exhausted before any victim arrives: the ~1/8 of the victims hashed there
  // lose their expert (the attack's extra tokens raise every other expert's capacity a little).
  EXPECT_GT(hash.victims.drop_rate, hash.benign.drop_rate + 0.05);
  EXPECT_GT(hash.victims.drop_rate, 0.10);
  EXPECT_EQ(greedy.victims.drop_rate, 0.0);
  EXPECT_EQ(greedy.benign.drop_rate, 0.0);
}

TEST(Attacks, BlackBoxProbingGrowsWithItsBudget) {
  ScenarioSpec spec = load_builtin_scenario("attack-probe");
  spec.adversary.share = 0.2;
  spec.adversary.probe_budget = 0;
  const auto blind = attack(spec, "hash", 40960);
  spec.adversary.probe_budget = 1536;
  const auto informed = attack(spec, "hash", 40960);
  const auto greedy = attack(spec, "greedy", 40960);
  EXPECT_LT(blind.amplification, 1.2);
  EXPECT_GT(informed.amplification, 2.0);  // measured 2.88: ~25 keys learned on one expert
  EXPECT_GT(informed.stats.keys_found, 10);
  EXPECT_EQ(informed.stats.probe_tokens, 1536);
  EXPECT_EQ(greedy.stats.keys_found, 0);  // identical keys are spread: nothing to learn
  EXPECT_LT(greedy.amplification, 1.2);
}

TEST(Attacks, ReportsAreDeterministic) {
  const ScenarioSpec spec = load_builtin_scenario("attack-collision");
  const auto a = attack(spec, "power_of_two", 5120);
  const auto b = attack(spec, "power_of_two", 5120);
  EXPECT_EQ(a.attacked_max_over_mean, b.attacked_max_over_mean);
  EXPECT_EQ(a.victims.latency_p99, b.victims.latency_p99);
  EXPECT_EQ(a.attack_tokens, b.attack_tokens);
}

}  // namespace
}  // namespace routelab
