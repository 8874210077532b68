// The pre-run work and memory budget (scenarios/run_budget.hpp): every shipped scenario passes,
// and each runaway input of issue 16 is refused before it allocates or spins, naming its key.
#include "scenarios/run_budget.hpp"

#include <gtest/gtest.h>

#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_loader.hpp"
#include "scenarios/traces/trace_loader.hpp"

namespace routelab {
namespace {

// A fixed budget, so the outcome does not depend on the machine the tests run on.
const RunBudget kEightGiB{8.0 * (1ull << 30), 1e11};

std::string refusal(const ScenarioSpec& spec, const RunBudget& budget = kEightGiB) {
  try {
    check_run_budget(spec, budget);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "accepted";
}

ScenarioSpec scenario(const std::string& body) {
  ScenarioSpec spec = parse_scenario("name = \"budget\"\n" + body, "budget.toml");
  spec.validate();
  return spec;
}

TEST(RunBudget, EveryLibraryScenarioFitsWithRoomToSpare) {
  // A hundredth of the budget still admits each shipped scenario: the limits only stop runaways.
  const RunBudget machine = RunBudget::for_this_machine();
  const RunBudget tight{machine.memory_bytes / 100, machine.work_units / 100};
  for (const std::string& name : builtin_scenario_names()) {
    ScenarioSpec spec = load_builtin_scenario(name);
    load_trace_data(spec);
    EXPECT_EQ(refusal(spec, tight), "accepted") << name;
  }
}

TEST(RunBudget, EstimateFollowsTheScenario) {
  ScenarioSpec spec = scenario("[length]\ntokens = 25600\n[batches]\nsize = 256\ninterval_ticks = 1000\n");
  const RunEstimate run = estimate_run(spec);
  EXPECT_DOUBLE_EQ(run.tokens, 25600);
  EXPECT_GE(run.end_tick, 100 * 1000);  // 100 batches 1000 ticks apart
  EXPECT_LE(run.end_tick, 2 * 100 * 1000);
  EXPECT_NEAR(run.windows, run.end_tick / 1000 + 1, 1e-6);
}

TEST(RunBudget, RefusesTheVocabularyBomb) {
  // tokens.vocabulary = 2^40 with Zipf keys: an 8 TiB CDF.
  const auto why = refusal(scenario("[tokens]\nkeys = \"zipf\"\nvocabulary = 1099511627776\n"));
  EXPECT_NE(why.find("tokens.vocabulary"), std::string::npos) << why;
  EXPECT_NE(why.find("TiB"), std::string::npos) << why;
  EXPECT_NE(why.find("--ignore-budget"), std::string::npos) << why;
}

TEST(RunBudget, RefusesHugeSemanticSpaces) {
  const auto why = refusal(scenario("[tokens]\nkind = \"semantic\"\nvocabulary = 2000000\n"
                                    "[tokens.semantic]\nclasses = 1048576\ndim = 4096\n"));
  EXPECT_NE(why.find("tokens.semantic.classes"), std::string::npos) << why;
}

TEST(RunBudget, RefusesTenTrillionTokens) {
  ScenarioSpec spec = scenario("");
  spec.workload.total_tokens = 10'000'000'000'000;  // --tokens 10^13
  const auto why = refusal(spec);
  EXPECT_NE(why.find("length.tokens"), std::string::npos) << why;
}

TEST(RunBudget, RefusesRunsWhoseTicksOutgrowTheirTokens) {
  // Issue 16 item 6, each with 1024 tokens: the cost is last tick / window_ticks.
  ScenarioSpec sparse = scenario("[length]\ntokens = 1024\n[batches]\ninterval_ticks = 1e15\n");
  EXPECT_NE(refusal(sparse).find("batches.interval_ticks / metrics.window_ticks"), std::string::npos)
      << refusal(sparse);
  ScenarioSpec slow = scenario("[length]\ntokens = 1024\n[experts.service]\nmean_ticks = 1e11\n");
  EXPECT_NE(refusal(slow).find("experts.service.mean_ticks"), std::string::npos) << refusal(slow);
  ScenarioSpec narrow = scenario("[length]\ntokens = 1024\n[batches]\ninterval_ticks = 1e9\n[metrics]\nwindow_ticks = 1\n");
  EXPECT_NE(refusal(narrow).find("metrics.window_ticks"), std::string::npos) << refusal(narrow);
  // The same tokens with sensible windows run.
  EXPECT_EQ(refusal(scenario("[length]\ntokens = 1024\n[batches]\ninterval_ticks = 1e9\n[metrics]\nwindow_ticks = 1000000000\n")),
            "accepted");
}

TEST(RunBudget, RefusesTicksBeyondExactRange) {
  ScenarioSpec spec = scenario("[length]\ntokens = 2560\n[batches]\ninterval_ticks = 1e15\n[metrics]\nwindow_ticks = 1000000000000000\n");
  const auto why = refusal(spec);
  EXPECT_NE(why.find("2^53"), std::string::npos) << why;
}

TEST(RunBudget, MessagesAreReadable) {
  EXPECT_EQ(approximate(4.2e12), "4.2e+12");
  EXPECT_EQ(approximate_bytes(3.0 * (1ull << 30)), "3 GiB");
  EXPECT_EQ(approximate_bytes(512), "512 B");
}

}  // namespace
}  // namespace routelab
