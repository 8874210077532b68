// Replaying a trace: batches follow the trace's groups or the batch schedule, recorded experts
// travel with the tokens, and the `trace` router reproduces the recording exactly.
#include <gtest/gtest.h>

#include <filesystem>

#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_loader.hpp"
#include "scenarios/scenario_runner.hpp"
#include "scenarios/traces/trace_loader.hpp"
#include "scenarios/traces/trace_workload.hpp"

namespace routelab {
namespace {

const std::string kData = std::string(ROUTELAB_SOURCE_DIR) + "/tests/data/traces";

ScenarioSpec jsonl_scenario(const std::string& arrival) {
  return parse_scenario("[experts]\ncount = 64\n[batches]\nsize = 4\narrival = \"" + arrival +
                            "\"\ninterval_ticks = 100\n[tokens]\nkind = \"trace\"\n[trace]\npath = \"" + kData +
                            "/sample.jsonl\"\n[routing]\nk = 2\n",
                        "inline.toml");
}

TEST(TraceReplay, TraceArrivalBatchesByRecordedTick) {
  ScenarioSpec spec = jsonl_scenario("trace");
  load_trace_data(spec);
  auto workload = make_workload(spec, 0);
  TokenBatch batch;
  std::vector<std::pair<Tick, std::size_t>> batches;
  while (workload->next_batch(batch)) {
    batches.emplace_back(batch.tick, batch.tokens.size());
    EXPECT_EQ(batch.recorded_k, 3);
    EXPECT_EQ(batch.recorded_experts.size(), batch.tokens.size() * 3);
  }
  EXPECT_EQ(batches, (std::vector<std::pair<Tick, std::size_t>>{{0, 3}, {250, 2}, {1000, 1}}));
}

TEST(TraceReplay, OtherArrivalsCutTheStreamIntoBatches) {
  ScenarioSpec spec = jsonl_scenario("fixed");
  auto workload = make_workload(spec, 0);  // loads the trace itself when the spec has not
  TokenBatch batch;
  ASSERT_TRUE(workload->next_batch(batch));
  EXPECT_EQ(batch.tokens.size(), 4u);
  EXPECT_EQ(batch.recorded_experts[3], 5);  // second token's first recorded expert
  ASSERT_TRUE(workload->next_batch(batch));
  EXPECT_EQ(batch.tick, 100);
  EXPECT_EQ(batch.tokens.size(), 2u);
  EXPECT_EQ(batch.tokens[0].id, 4u);
  EXPECT_FALSE(workload->next_batch(batch));
}

TEST(TraceReplay, LayerAndExpertCountAreChecked) {
  ScenarioSpec spec = jsonl_scenario("trace");
  spec.trace.layer = 3;
  EXPECT_THROW(load_trace_data(spec), ConfigError);
  ScenarioSpec small = jsonl_scenario("trace");
  small.simulation.num_experts = 32;  // the sample records expert 63
  EXPECT_THROW(load_trace_data(small), ConfigError);
}

TEST(TraceReplay, TraceRouterReproducesTheRecordedChoices) {
  // Oracle: with no capacity cut, the trace router's per-expert load is the histogram of the
  // first k recorded experts of every token of the layer.
  ScenarioSpec spec = load_builtin_scenario("deepseek-layer1");
  spec.simulation.capacity_factor = 0;
  spec.simulation.overflow = OverflowPolicy::queue;
  load_trace_data(spec);
  const TraceLayer& layer = spec.trace.data->layers[0];
  std::vector<std::int64_t> expected(64, 0);
  for (std::size_t i = 0; i < layer.size(); ++i)
    for (int c = 0; c < spec.simulation.k; ++c) ++expected[layer.experts[i * 6 + c]];
  const RunResult result = run_scenario(spec, RouterSpec{"trace", {}}, 0, builtin_router_registry());
  EXPECT_EQ(result.summary.tokens, 2620);
  EXPECT_EQ(result.summary.expert_load, expected);
  EXPECT_EQ(result.layer, 1);
}

TEST(TraceReplay, LayeredRunCoversEveryLayer) {
  ScenarioSpec spec = load_builtin_scenario("deepseek-layers");
  load_trace_data(spec);
  const auto layers = layers_to_run(spec);
  ASSERT_EQ(layers.size(), 26u);
  EXPECT_EQ(layers.front(), 1);
  EXPECT_EQ(layers.back(), 26);
  // The learned router's imbalance differs by layer; the hash router's cannot (same keys).
  const auto registry = builtin_router_registry();
  const auto first = run_scenario(scenario_for_layer(spec, 1), RouterSpec{"trace", {}}, 0, registry);
  const auto last = run_scenario(scenario_for_layer(spec, 26), RouterSpec{"trace", {}}, 0, registry);
  EXPECT_NE(first.summary.expert_load, last.summary.expert_load);
  const auto hash1 = run_scenario(scenario_for_layer(spec, 1), RouterSpec{"hash", {}}, 0, registry);
  const auto hash26 = run_scenario(scenario_for_layer(spec, 26), RouterSpec{"hash", {}}, 0, registry);
  EXPECT_EQ(hash1.summary.expert_load, hash26.summary.expert_load);
  EXPECT_EQ(first.summary.batches, 49);  // one batch per prompt file
}

}  // namespace
}  // namespace routelab
