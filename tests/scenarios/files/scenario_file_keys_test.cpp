// Every key of the scenario format lands in the typed spec (docs/scenarios.md lists them).
#include <gtest/gtest.h>

#include <filesystem>

#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_loader.hpp"

namespace routelab {
namespace {

TEST(ScenarioFileKeys, WorkloadKeysReachTheSpec) {
  const ScenarioSpec spec = parse_scenario(R"(
name = "all"
seed = 9
replications = 3
[experts]
count = 4
servers = 2
speed = [1, 2, 1, 2]
[experts.service]
distribution = "lognormal"
mean_ticks = 50
cv = 0.5
[batches]
size = 100
arrival = "gamma"
interval_ticks = 400
cv = 3
[batches.ramp]
from = 0.5
to = 2
[batches.mix]
decode_size = 16
prefill_size = 4096
prefill_share = 0.25
[tokens]
keys = "zipf"
vocabulary = 1000
zipf_s = 1.3
kind = "semantic"
[tokens.semantic]
classes = 8
dim = 12
class_zipf_s = 0.7
spread = 0.1
[routing]
k = 2
capacity_factor = 1.5
overflow = "next_choice"
[metrics]
window_ticks = 800
queue_threshold = 5
[length]
ticks = 100000
[[routers]]
name = "hash"
)", "all.toml");
  EXPECT_EQ(spec.replications, 3);
  EXPECT_EQ(spec.simulation.servers_per_expert, 2);
  EXPECT_EQ(spec.simulation.expert_speed, (std::vector<double>{1, 2, 1, 2}));
  EXPECT_EQ(spec.workload.arrival, ArrivalProcess::gamma);
  EXPECT_DOUBLE_EQ(spec.workload.arrival_cv, 3.0);
  EXPECT_TRUE(spec.workload.ramp.enabled);
  EXPECT_DOUBLE_EQ(spec.workload.ramp.from, 0.5);
  EXPECT_DOUBLE_EQ(spec.workload.ramp.to, 2.0);
  EXPECT_TRUE(spec.workload.mix.enabled);
  EXPECT_EQ(spec.workload.mix.decode_size, 16);
  EXPECT_EQ(spec.workload.mix.prefill_size, 4096);
  EXPECT_DOUBLE_EQ(spec.workload.mix.prefill_share, 0.25);
  EXPECT_EQ(spec.workload.kind, TokenKind::semantic);
  EXPECT_EQ(spec.workload.semantic.classes, 8);
  EXPECT_EQ(spec.workload.semantic.dim, 12);
  EXPECT_DOUBLE_EQ(spec.workload.semantic.class_zipf_s, 0.7);
  EXPECT_DOUBLE_EQ(spec.workload.semantic.spread, 0.1);
  EXPECT_EQ(spec.simulation.stop_tick, 100000);
  EXPECT_EQ(spec.workload.total_tokens, 0);
  EXPECT_FALSE(spec.adversary.enabled());
  EXPECT_FALSE(spec.trace.enabled());
}

TEST(ScenarioFileKeys, LocalityAndAdversaryKeys) {
  const ScenarioSpec spec = parse_scenario(R"(
[tokens]
kind = "locality"
[tokens.locality]
reuse = 0.3
history = 10
[adversary]
kind = "collision"
share = 0.2
placement = "behind"
target = "hash"
target_experts = 3
distinct_keys = 5
search_budget = 1000
key_space = 500
[length]
tokens = 10
)", "x.toml");
  EXPECT_EQ(spec.workload.kind, TokenKind::locality);
  EXPECT_DOUBLE_EQ(spec.workload.locality.reuse, 0.3);
  EXPECT_EQ(spec.workload.locality.history, 10);
  const AdversarySpec& a = spec.adversary;
  EXPECT_EQ(a.kind, AdversaryKind::collision);
  EXPECT_DOUBLE_EQ(a.share, 0.2);
  EXPECT_EQ(a.placement, AttackPlacement::behind);
  EXPECT_EQ(a.target, "hash");
  EXPECT_EQ(a.target_experts, 3);
  EXPECT_EQ(a.distinct_keys, 5);
  EXPECT_EQ(a.search_budget, 1000);
  EXPECT_EQ(a.key_space, 500u);
}

TEST(ScenarioFileKeys, PlacementDefaultsDependOnTheAttack) {
  auto placement = [](const std::string& kind) {
    return parse_scenario("[adversary]\nkind = \"" + kind + "\"\n[length]\ntokens = 10\n", "x.toml").adversary.placement;
  };
  EXPECT_EQ(placement("collision"), AttackPlacement::interleaved);
  EXPECT_EQ(placement("hot_flood"), AttackPlacement::interleaved);
  EXPECT_EQ(placement("colocation"), AttackPlacement::ahead);
  EXPECT_EQ(placement("probe"), AttackPlacement::ahead);
}

TEST(ScenarioFileKeys, HotFloodKeysSetTheirCount) {
  const ScenarioSpec spec =
      parse_scenario("[adversary]\nkind = \"hot_flood\"\nkeys = [7, 9, 11]\n[length]\ntokens = 10\n", "x.toml");
  EXPECT_EQ(spec.adversary.keys, (std::vector<std::uint64_t>{7, 9, 11}));
  EXPECT_EQ(spec.adversary.hot_keys, 3);
}

TEST(ScenarioFileKeys, TracePathsResolveAgainstTheScenarioFile) {
  const ScenarioSpec spec = parse_scenario(
      "[tokens]\nkind = \"trace\"\n[trace]\npath = \"data/t.jsonl\"\nlayer = \"all\"\nskip_bad_rows = true\n",
      "/some/dir/s.toml");
  EXPECT_EQ(spec.trace.path, "/some/dir/data/t.jsonl");
  EXPECT_EQ(spec.trace.format, TraceFormat::jsonl);
  EXPECT_EQ(spec.trace.layer, 0);
  EXPECT_TRUE(spec.trace.skip_bad_rows);
  EXPECT_EQ(spec.workload.total_tokens, 0);  // no [length]: the whole trace

  const ScenarioSpec builtin =
      parse_scenario("[tokens]\nkind = \"trace\"\n[trace]\npath = \"traces/x\"\n", "builtin:demo");
  EXPECT_EQ(std::filesystem::path(builtin.trace.path), (builtin_data_directory() / "traces/x").lexically_normal());
  EXPECT_EQ(builtin.trace.format, TraceFormat::deepseek_csv);
  EXPECT_EQ(builtin.trace.layer, 1);
}

TEST(ScenarioFileKeys, DefaultScenarioKeepsItsParameters) {
  // Other suites hold golden fingerprints of the default scenario: its parameters must not move.
  const ScenarioSpec spec = load_builtin_scenario("default");
  EXPECT_EQ(spec.simulation.master_seed, 20261127u);
  EXPECT_EQ(spec.simulation.num_experts, 64);
  EXPECT_EQ(spec.simulation.k, 2);
  EXPECT_DOUBLE_EQ(spec.simulation.capacity_factor, 1.25);
  EXPECT_EQ(spec.simulation.overflow, OverflowPolicy::drop);
  EXPECT_EQ(spec.workload.batch_size, 512);
  EXPECT_EQ(spec.workload.arrival, ArrivalProcess::fixed);
  EXPECT_DOUBLE_EQ(spec.workload.interval_ticks, 1600);
  EXPECT_EQ(spec.workload.keys, KeyDistribution::zipf);
  EXPECT_DOUBLE_EQ(spec.workload.zipf_s, 0.8);
  EXPECT_EQ(spec.workload.kind, TokenKind::independent);
  EXPECT_EQ(spec.workload.total_tokens, 102400);
  EXPECT_FALSE(spec.workload.ramp.enabled);
  EXPECT_FALSE(spec.workload.mix.enabled);
  EXPECT_FALSE(spec.adversary.enabled());
}

}  // namespace
}  // namespace routelab
