// Per-token outcomes agree with the run's summary: one per token, drops and latencies add up.
#include <gtest/gtest.h>

#include <numeric>

#include "engine/simulation.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"

namespace routelab {
namespace {

class Recorder : public TokenObserver {
 public:
  void on_token(const TokenOutcome& outcome) override { outcomes.push_back(outcome); }
  std::vector<TokenOutcome> outcomes;
};

TEST(TokenOutcomes, OnePerTokenAndTheyAddUpToTheSummary) {
  ScenarioSpec spec = load_builtin_scenario("zipf-hot");  // drops plenty under hash
  spec.workload.total_tokens = 10240;
  auto workload = make_workload(spec, 0);
  const auto registry = builtin_router_registry();
  auto router = registry.create(make_router_config(spec, RouterSpec{"hash", {}}, 0));
  Simulation simulation(spec.simulation, *workload, *router);
  Recorder recorder;
  simulation.add_token_observer(recorder);
  const Summary summary = simulation.run();

  ASSERT_EQ(static_cast<std::int64_t>(recorder.outcomes.size()), summary.tokens);
  std::vector<bool> seen(static_cast<std::size_t>(summary.tokens), false);
  std::int64_t assignments = 0;
  std::int64_t dropped = 0;
  std::int64_t unserved = 0;
  std::int64_t latency_sum = 0;
  for (const auto& o : recorder.outcomes) {
    ASSERT_LT(o.id, seen.size());
    ASSERT_FALSE(seen[o.id]);
    seen[o.id] = true;
    assignments += o.assignments;
    dropped += o.dropped;
    if (o.dropped == o.assignments) {
      ++unserved;
    } else {
      latency_sum += o.finished - o.arrival;
    }
  }
  EXPECT_EQ(assignments, summary.assignments);
  EXPECT_EQ(dropped, summary.assignments_dropped);
  EXPECT_EQ(unserved, summary.tokens_unserved);
  EXPECT_GT(unserved, 0);
  EXPECT_NEAR(static_cast<double>(latency_sum) / static_cast<double>(summary.tokens_completed), summary.latency_mean, 1e-9);
}

TEST(TokenOutcomes, ObservingDoesNotChangeTheRun) {
  ScenarioSpec spec = load_builtin_scenario("default");
  spec.workload.total_tokens = 5120;
  const auto registry = builtin_router_registry();
  auto run = [&](bool observe) {
    auto workload = make_workload(spec, 0);
    auto router = registry.create(make_router_config(spec, RouterSpec{"power_of_two", {}}, 0));
    Simulation simulation(spec.simulation, *workload, *router);
    Recorder recorder;
    if (observe) simulation.add_token_observer(recorder);
    return simulation.run().fingerprint;
  };
  EXPECT_EQ(run(true), run(false));
}

}  // namespace
}  // namespace routelab
