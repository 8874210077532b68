// Issue 16 item 12: a trace that does not fit its scenario. Layers absent from the trace are not
// run (a layered run over a trace of layer 3 alone is layer 3, not layers 1-2 as zeros); asking
// for an absent layer names the file and the layers present; an expert id beyond experts.count
// or fewer recorded experts than routing.k is a row error with file:line (skippable where a row
// can be dropped).
#include <gtest/gtest.h>

#include <filesystem>

#include "scenarios/scenario_loader.hpp"
#include "scenarios/scenario_runner.hpp"
#include "scenarios/traces/trace_error.hpp"
#include "scenarios/traces/trace_loader.hpp"

namespace routelab {
namespace {

const std::string kMisfit = std::string(ROUTELAB_SOURCE_DIR) + "/tests/data/traces/misfit/";

// experts.count = 8, routing.k = 2, replaying `file` (layer: 0 = every layer).
ScenarioSpec scenario(const std::string& file, int layer, bool skip_bad_rows = false) {
  ScenarioSpec spec = parse_scenario("[experts]\ncount = 8\n[tokens]\nkind = \"trace\"\n[trace]\npath = \"" + kMisfit +
                                         file + "\"\n[routing]\nk = 2\n",
                                     "inline.toml");
  spec.trace.layer = layer;
  spec.trace.skip_bad_rows = skip_bad_rows;
  return spec;
}

std::string load_error(ScenarioSpec spec) {
  try {
    load_trace_data(spec);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "accepted";
}

TEST(TraceFit, ALayeredRunCoversOnlyTheLayersPresent) {
  ScenarioSpec spec = scenario("layer3-only.jsonl", 0);
  load_trace_data(spec);
  EXPECT_EQ(spec.trace.data->layer_count(), 3);  // layers 1 and 2 exist as empty slots
  EXPECT_EQ(layers_to_run(spec), std::vector<int>{3});
  EXPECT_EQ(layers_present(*spec.trace.data), std::vector<int>{3});
}

TEST(TraceFit, AnAbsentLayerIsAnErrorNamingTheFileAndTheLayersPresent) {
  const std::string why = load_error(scenario("layer3-only.jsonl", 1));
  EXPECT_NE(why.find("trace.layer"), std::string::npos) << why;
  EXPECT_NE(why.find("layer3-only.jsonl"), std::string::npos) << why;
  EXPECT_NE(why.find("no rows of layer 1; it has layer 3"), std::string::npos) << why;
  EXPECT_NE(load_error(scenario("layer3-only.jsonl", 4)).find("no rows of layer 4"), std::string::npos);
  EXPECT_EQ(load_error(scenario("layer3-only.jsonl", 3)), "accepted");
  // The workload refuses an absent layer too (a layered spec cut to one layer after loading).
  ScenarioSpec layered = scenario("layer3-only.jsonl", 0);
  load_trace_data(layered);
  EXPECT_THROW(make_workload(scenario_for_layer(layered, 2), 0), ConfigError);
}

TEST(TraceFit, DescribesLayersAsRanges) {
  EXPECT_EQ(describe_layers({3}), "3");
  EXPECT_EQ(describe_layers({1, 2, 3, 7, 9, 10}), "1..3, 7, 9..10");
  EXPECT_EQ(describe_layers({}), "");
}

TEST(TraceFit, AnExpertBeyondTheCountIsARowErrorWithFileAndLine) {
  std::string why = load_error(scenario("expert-beyond-count.csv", 1));
  EXPECT_NE(why.find("expert-beyond-count.csv:3"), std::string::npos) << why;
  EXPECT_NE(why.find("expert 12, beyond the scenario's experts.count = 8"), std::string::npos) << why;
  why = load_error(scenario("expert-beyond-count.jsonl", 1));
  EXPECT_NE(why.find("expert-beyond-count.jsonl:2"), std::string::npos) << why;
  EXPECT_NE(why.find("expert 9"), std::string::npos) << why;
}

TEST(TraceFit, SkipBadRowsDropsRowsWithExpertsBeyondTheCount) {
  for (const std::string file : {"expert-beyond-count.csv", "expert-beyond-count.jsonl"}) {
    SCOPED_TRACE(file);
    ScenarioSpec spec = scenario(file, 1, true);
    load_trace_data(spec);
    EXPECT_EQ(spec.trace.data->rows, 2);
    EXPECT_EQ(spec.trace.data->rows_skipped, 1);
    EXPECT_LT(spec.trace.data->max_expert, 8);
    // The kept rows replay: the trace router places exactly their 2 x 2 recorded choices.
    const RunResult result = run_scenario(spec, RouterSpec{"trace", {}}, 0, builtin_router_registry());
    EXPECT_EQ(result.summary.tokens, 2);
  }
}

TEST(TraceFit, FewerRecordedExpertsThanKIsAnError) {
  std::string why = load_error(scenario("fewer-than-k.csv", 1));
  EXPECT_NE(why.find("fewer-than-k.csv:2"), std::string::npos) << why;
  EXPECT_NE(why.find("records 1 experts, fewer than the scenario's routing.k = 2"), std::string::npos) << why;
  // JSON Lines rows may be shorter than others (padded), but the widest must reach k.
  why = load_error(scenario("fewer-than-k.jsonl", 1));
  EXPECT_NE(why.find("fewer-than-k.jsonl:1"), std::string::npos) << why;
  EXPECT_NE(why.find("widest row records 1 experts"), std::string::npos) << why;
  // Skipping every short CSV row leaves nothing to replay: still an error, not 0 tokens.
  EXPECT_NE(load_error(scenario("fewer-than-k.csv", 1, true)).find("holds no tokens"), std::string::npos);
  // With k = 1 the same traces fit.
  ScenarioSpec k1 = scenario("fewer-than-k.csv", 1);
  k1.simulation.k = 1;
  EXPECT_EQ(load_error(k1), "accepted");
}

}  // namespace
}  // namespace routelab
