// Merging an attacker into the benign stream: exact share, placement, victims untouched, and the
// attacker hears about its own tokens only.
#include <gtest/gtest.h>

#include "scenarios/adversaries/adversarial_workload.hpp"
#include "scenarios/adversaries/hot_flood_adversary.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"

namespace routelab {
namespace {

// Records what it was told, to check the black-box rule.
class ListeningAdversary : public HotFloodAdversary {
 public:
  ListeningAdversary() : HotFloodAdversary({42}) {}
  void on_own_outcome(std::uint64_t sequence, std::uint64_t key, const TokenOutcome& outcome) override {
    sequences.push_back(sequence);
    keys.push_back(key);
    ids.push_back(outcome.id);
  }
  std::vector<std::uint64_t> sequences, keys, ids;
};

ScenarioSpec small_scenario() {
  ScenarioSpec spec = load_builtin_scenario("uniform-keys");
  spec.workload.total_tokens = 512 * 20;
  return spec;
}

std::vector<Token> all_tokens(Workload& workload) {
  std::vector<Token> tokens;
  TokenBatch batch;
  while (workload.next_batch(batch)) tokens.insert(tokens.end(), batch.tokens.begin(), batch.tokens.end());
  return tokens;
}

TEST(AdversarialWorkload, AttackerGetsItsExactShareAndVictimsAreUntouched) {
  const ScenarioSpec spec = small_scenario();
  const auto benign_workload = make_workload(spec, 0);
  const auto benign = all_tokens(*benign_workload);
  AdversarialWorkload attacked(make_workload(spec, 0), std::make_unique<HotFloodAdversary>(std::vector<std::uint64_t>{42}),
                               0.3, AttackPlacement::interleaved);
  const auto merged = all_tokens(attacked);
  std::vector<Token> victims;
  std::int64_t attackers = 0;
  for (const Token& t : merged) {
    if (is_adversary_token(t.id)) {
      ++attackers;
      EXPECT_EQ(t.key, 42u);
    } else {
      victims.push_back(t);
    }
  }
  ASSERT_EQ(victims.size(), benign.size());
  for (std::size_t i = 0; i < victims.size(); ++i) {
    ASSERT_EQ(victims[i].id, benign[i].id);
    ASSERT_EQ(victims[i].key, benign[i].key);
    ASSERT_EQ(victims[i].arrival, benign[i].arrival);
  }
  // share / (1 - share) x victims, the fraction carried between batches: floor at the end.
  EXPECT_EQ(attackers, static_cast<std::int64_t>(0.3 / 0.7 * static_cast<double>(benign.size())));
  EXPECT_EQ(attacked.attack_tokens(), attackers);
}

std::vector<bool> attacker_pattern(AttackPlacement placement) {
  ScenarioSpec spec = small_scenario();
  spec.workload.batch_size = 6;
  AdversarialWorkload attacked(make_workload(spec, 0), std::make_unique<HotFloodAdversary>(std::vector<std::uint64_t>{1}),
                               0.25, placement);  // 2 attackers per 6 victims
  TokenBatch batch;
  attacked.next_batch(batch);
  std::vector<bool> pattern;
  for (const Token& t : batch.tokens) pattern.push_back(is_adversary_token(t.id));
  return pattern;
}

TEST(AdversarialWorkload, PlacementPutsAttackersAheadBehindOrSpread) {
  EXPECT_EQ(attacker_pattern(AttackPlacement::ahead), (std::vector<bool>{1, 1, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(attacker_pattern(AttackPlacement::behind), (std::vector<bool>{0, 0, 0, 0, 0, 0, 1, 1}));
  EXPECT_EQ(attacker_pattern(AttackPlacement::interleaved), (std::vector<bool>{0, 0, 1, 0, 0, 0, 1, 0}));
}

TEST(AdversarialWorkload, ForwardsOnlyTheAttackersOwnOutcomes) {
  auto listener = std::make_unique<ListeningAdversary>();
  ListeningAdversary* ears = listener.get();
  ScenarioSpec spec = small_scenario();
  AdversarialWorkload attacked(make_workload(spec, 0), std::move(listener), 0.1, AttackPlacement::interleaved);
  attacked.on_token(TokenOutcome{5, 0, 10, 1, 0});                           // a victim
  attacked.on_token(TokenOutcome{kAdversaryTokenBit | 0, 0, 10, 1, 1});      // not issued yet
  EXPECT_TRUE(ears->sequences.empty());
  TokenBatch batch;
  ASSERT_TRUE(attacked.next_batch(batch));
  attacked.on_token(TokenOutcome{7, 0, 10, 1, 0});
  attacked.on_token(TokenOutcome{kAdversaryTokenBit | 3, 0, 10, 1, 1});
  ASSERT_EQ(ears->sequences, (std::vector<std::uint64_t>{3}));
  EXPECT_EQ(ears->keys, (std::vector<std::uint64_t>{42}));
}

}  // namespace
}  // namespace routelab
