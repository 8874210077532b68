// One suite over every registered router (routers added later are covered automatically): the
// table it writes is well-formed for any (E, k, depth), it is reproducible from its seed, and it
// depends on the seed exactly when the registry says it is randomized.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <boost/random/uniform_int_distribution.hpp>
#include <set>

#include "core/errors.hpp"
#include "core/rng_streams.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"
#include "tests/support/router_harness.hpp"

namespace routelab {
namespace {

using testing::route_batch;
using testing::RouteCall;
using testing::tokens_with_keys;

struct Shape {
  int num_experts;
  int k;
};

// E = 1 and k = E included on purpose; (5, 3) makes 2k > E, where fallback pools run short.
const Shape kShapes[] = {{1, 1}, {2, 2}, {5, 3}, {5, 5}, {8, 1}, {8, 2}, {8, 8}, {64, 2}, {64, 6}, {256, 8}};
constexpr int kBatchesPerRun = 4;
constexpr std::size_t kBatchSizes[] = {1, 37, 256, 9};

// A stream of batches with repeated keys (a small vocabulary) and loads that change between
// batches, with observe() called in between, as the engine does.
std::vector<std::vector<ExpertId>> route_stream(const std::string& name, std::uint64_t seed, Shape shape, int depth) {
  auto router = testing::make_router(name, seed, shape.num_experts, shape.k);
  RngEngine rng(0x5eed);  // the workload: identical for every router and seed
  std::vector<std::vector<ExpertId>> tables;
  std::vector<std::int64_t> load(static_cast<std::size_t>(shape.num_experts), 0);
  for (int b = 0; b < kBatchesPerRun; ++b) {
    std::vector<std::uint64_t> keys(kBatchSizes[b]);
    for (auto& key : keys) key = boost::random::uniform_int_distribution<std::uint64_t>(0, 199)(rng);
    for (auto& l : load) l = boost::random::uniform_int_distribution<std::int64_t>(0, 20)(rng);
    RouteCall call(shape.num_experts, shape.k, depth, load);
    call.tick = 100 * b;
    call.batch_index = static_cast<std::uint64_t>(b);
    tables.push_back(route_batch(*router, tokens_with_keys(keys, 1000u * static_cast<unsigned>(b)), call));
    router->observe(load);
  }
  return tables;
}

int engine_depth(const std::string& name, Shape shape) {
  auto router = testing::make_router(name, 1, shape.num_experts, shape.k);
  return std::clamp(router->max_depth(shape.k, shape.num_experts), shape.k, shape.num_experts);
}

class RouterConformance : public ::testing::TestWithParam<std::string> {
 protected:
  // Routers that replay a recording route only batches carrying one: their own suite
  // (tests/routers/trace) covers the routing checks.
  bool needs_trace() const { return builtin_router_registry().find(GetParam()).needs_trace; }
};

TEST_P(RouterConformance, TablesAreWellFormedForEveryShapeAndDepth) {
  if (needs_trace()) GTEST_SKIP() << "needs a recorded trace";
  for (const Shape shape : kShapes) {
    for (const int depth : {shape.k, engine_depth(GetParam(), shape)}) {
      const auto tables = route_stream(GetParam(), 7, shape, depth);
      for (const auto& table : tables) {
        ASSERT_EQ(table.size() % static_cast<std::size_t>(depth), 0u);
        for (std::size_t row = 0; row < table.size() / static_cast<std::size_t>(depth); ++row) {
          const auto first = table.begin() + static_cast<std::ptrdiff_t>(row * static_cast<std::size_t>(depth));
          std::vector<ExpertId> ids(first, first + depth);
          for (const ExpertId e : ids)
            ASSERT_TRUE(e >= kNoExpert && e < shape.num_experts)
                << "E=" << shape.num_experts << " k=" << shape.k << " depth=" << depth << " id " << e;
          // No expert twice in a row: at most k distinct assignments, fallbacks all new experts.
          std::vector<ExpertId> written;
          std::copy_if(ids.begin(), ids.end(), std::back_inserter(written), [](ExpertId e) { return e != kNoExpert; });
          std::sort(written.begin(), written.end());
          ASSERT_EQ(std::adjacent_find(written.begin(), written.end()), written.end())
              << "repeated expert, E=" << shape.num_experts << " k=" << shape.k << " depth=" << depth;
        }
      }
    }
  }
}

TEST_P(RouterConformance, SameSeedSameOutput) {
  if (needs_trace()) GTEST_SKIP() << "needs a recorded trace";
  for (const Shape shape : kShapes) {
    const int depth = engine_depth(GetParam(), shape);
    EXPECT_EQ(route_stream(GetParam(), 42, shape, depth), route_stream(GetParam(), 42, shape, depth))
        << "E=" << shape.num_experts << " k=" << shape.k;
  }
}

TEST_P(RouterConformance, SeedChangesOutputExactlyWhenRandomized) {
  if (needs_trace()) GTEST_SKIP() << "needs a recorded trace";
  const RouterRegistry registry = builtin_router_registry();
  const RouterInfo& info = registry.find(GetParam());
  for (const Shape shape : {Shape{8, 2}, Shape{64, 6}, Shape{256, 8}}) {
    const int depth = engine_depth(GetParam(), shape);
    const auto a = route_stream(GetParam(), 1, shape, depth);
    const auto b = route_stream(GetParam(), 2, shape, depth);
    if (info.randomized) {
      EXPECT_NE(a, b) << "marked randomized but the seed changes nothing, E=" << shape.num_experts;
    } else {
      EXPECT_EQ(a, b) << "marked deterministic but the seed changes the output, E=" << shape.num_experts;
    }
  }
}

TEST_P(RouterConformance, RejectsUnknownParameters) {
  RouterConfig config;
  config.name = GetParam();
  config.num_experts = 8;
  config.k = 2;
  config.params.set("no_such_parameter_anywhere", "1");
  EXPECT_THROW(builtin_router_registry().create(config), ConfigError);
}

// Through the engine, every policy: the counts the engine keeps must add up for any router.
TEST_P(RouterConformance, EngineAccountsForEveryAssignment) {
  if (needs_trace()) GTEST_SKIP() << "needs a recorded trace";
  const RouterRegistry registry = builtin_router_registry();
  // Learned routers read embeddings: the semantic scenario, trained in-process on a short stream.
  const bool learned = static_cast<bool>(registry.find(GetParam()).trainer);
  ScenarioSpec scenario = load_builtin_scenario(learned ? "semantic-clusters" : kDefaultScenario);
  scenario.workload.total_tokens = 4096;
  RouterSpec router{GetParam(), {}};
  if (learned) router.params.set("train_tokens", "2048");
  for (const OverflowPolicy policy : {OverflowPolicy::drop, OverflowPolicy::queue, OverflowPolicy::next_choice}) {
    scenario.simulation.overflow = policy;
    const Summary s = run_scenario(scenario, router, 0, registry).summary;
    std::int64_t chosen = 0;
    std::int64_t served = 0;
    for (auto l : s.expert_load) chosen += l;
    for (auto l : s.expert_served) served += l;
    EXPECT_EQ(chosen, s.assignments) << to_string(policy);
    EXPECT_EQ(served, s.assignments - s.assignments_dropped) << to_string(policy);
    EXPECT_LE(s.assignments, s.tokens * scenario.simulation.k) << to_string(policy);
    EXPECT_EQ(s.tokens_completed + s.tokens_unserved, s.tokens) << to_string(policy);
  }
}

// gtest names allow letters, digits and '_' only.
std::string router_test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

// Routers that replay a recording (needs_trace) route only trace batches: tests/routers/trace.
std::vector<std::string> routers_for_any_batch() {
  const RouterRegistry registry = builtin_router_registry();
  std::vector<std::string> names;
  for (const auto& entry : registry.entries())
    if (!entry.needs_trace) names.push_back(entry.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(EveryRegisteredRouter, RouterConformance, ::testing::ValuesIn(routers_for_any_batch()),
                         router_test_name);

}  // namespace
}  // namespace routelab
