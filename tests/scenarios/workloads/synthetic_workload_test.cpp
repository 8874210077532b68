// The composed synthetic workload: deterministic, drawn from the "workload" stream only, and the
// original draw order kept (the default scenario's stream is pinned by other suites' fingerprints).
#include <gtest/gtest.h>

#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"
#include "scenarios/workloads/synthetic_workload.hpp"
#include "scenarios/workloads/zipf_keys.hpp"

namespace routelab {
namespace {

std::uint64_t stream_hash(Workload& workload) {
  std::uint64_t h = 0;
  TokenBatch batch;
  while (workload.next_batch(batch)) {
    h = mix64(h ^ static_cast<std::uint64_t>(batch.tick));
    for (const Token& t : batch.tokens) h = mix64(h ^ t.key ^ (t.id << 1));
  }
  return h;
}

TEST(SyntheticWorkload, SameSeedSameStreamOtherReplicationOtherStream) {
  const ScenarioSpec spec = load_builtin_scenario("load-ramp");
  auto a = make_workload(spec, 0);
  auto b = make_workload(spec, 0);
  auto c = make_workload(spec, 1);
  const auto ha = stream_hash(*a);
  EXPECT_EQ(ha, stream_hash(*b));
  EXPECT_NE(ha, stream_hash(*c));
}

TEST(SyntheticWorkload, DefaultStreamKeepsItsDrawOrder) {
  // The first keys of the default scenario as the foundation's generator drew them: Zipf(0.8)
  // over 50,257 keys by inversion of one uniform draw per token from stream "workload".
  const ScenarioSpec spec = load_builtin_scenario("default");
  RngEngine reference = make_stream(spec.simulation.master_seed, 0, "workload");
  ZipfKeys zipf(spec.workload.vocabulary, spec.workload.zipf_s);
  auto workload = make_workload(spec, 0);
  TokenBatch batch;
  ASSERT_TRUE(workload->next_batch(batch));
  ASSERT_EQ(batch.tokens.size(), 512u);
  for (const Token& t : batch.tokens) ASSERT_EQ(t.key, zipf.draw(reference));
  ASSERT_TRUE(workload->next_batch(batch));
  EXPECT_EQ(batch.tick, 1600);
  EXPECT_EQ(batch.tokens.front().id, 512u);
}

TEST(SyntheticWorkload, EveryKindProducesItsTokenCount) {
  for (const char* name : {"temporal-locality", "semantic-clusters", "serving-mix", "bursty-gamma", "load-ramp"}) {
    ScenarioSpec spec = load_builtin_scenario(name);
    spec.workload.total_tokens = 5000;
    auto workload = make_workload(spec, 0);
    std::int64_t tokens = 0;
    Tick last = 0;
    TokenBatch batch;
    while (workload->next_batch(batch)) {
      EXPECT_GE(batch.tick, last) << name;
      last = batch.tick;
      tokens += static_cast<std::int64_t>(batch.tokens.size());
    }
    EXPECT_EQ(tokens, 5000) << name;
  }
}

}  // namespace
}  // namespace routelab
