// The `phase` router in the simulator: parameters, the batch operator it builds (capacities as T
// degrees), the column bound as "no expert over its batch capacity", reseeding, and that its fill
// ratio shows in the run summary when eligibility is restricted.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

#include "core/errors.hpp"
#include "routers/phase/phase_router.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"

namespace routelab::phase {
namespace {

RouterConfig config_for(int experts, int k, std::map<std::string, std::string> params = {}) {
  RouterConfig config;
  config.name = "phase";
  config.seed = 17;
  config.num_experts = experts;
  config.k = k;
  config.params = RouterParams(std::move(params));
  return config;
}

struct Batch {
  std::vector<Token> tokens;
  std::vector<std::int64_t> load;
  std::vector<std::int32_t> capacity;
};

Batch make_batch(std::size_t size, int experts, std::int32_t capacity) {
  Batch batch;
  for (std::size_t i = 0; i < size; ++i) batch.tokens.push_back(Token{i, i * 7, 0, -1});
  batch.load.assign(static_cast<std::size_t>(experts), 0);
  batch.capacity.assign(static_cast<std::size_t>(experts), capacity);
  return batch;
}

std::vector<ExpertId> route(Router& router, const Batch& batch, int experts, int k, int depth, std::uint64_t index) {
  const TokenBatch tokens{0, index, batch.tokens, 0, {}};
  const RoutingRequest request{tokens, k, depth, experts, batch.load, batch.capacity};
  std::vector<ExpertId> out(batch.tokens.size() * static_cast<std::size_t>(depth), kNoExpert);
  router.route(request, out);
  return out;
}

TEST(PhaseRouter, IsRegisteredAndChecksItsParameters) {
  const RouterRegistry registry = builtin_router_registry();
  EXPECT_TRUE(registry.find("phase").randomized);
  EXPECT_NO_THROW(registry.create(config_for(8, 2, {{"reseed", "fixed"}, {"eligible_experts", "3"}})));
  auto field_of = [&](std::map<std::string, std::string> params) {
    try {
      registry.create(config_for(8, 2, std::move(params)));
    } catch (const ConfigError& error) {
      return error.field();
    }
    return std::string("<no error>");
  };
  EXPECT_EQ(field_of({{"reseed", "sometimes"}}), "router.reseed");
  EXPECT_EQ(field_of({{"eligible_experts", "0"}}), "router.eligible_experts");
  EXPECT_EQ(field_of({{"eligible_experts", "9"}}), "router.eligible_experts");
  EXPECT_EQ(field_of({{"eligible_experts", "two"}}), "router.eligible_experts");
  EXPECT_EQ(field_of({{"seed_policy", "x"}}), "router.seed_policy");
}

TEST(PhaseRouter, CapacitiesBecomeTheTDegrees) {
  PhaseRouter router(config_for(4, 2));
  Batch batch = make_batch(10, 4, 0);
  batch.capacity = {3, 50, 0, 7};
  const TokenBatch tokens{0, 0, batch.tokens, 0, {}};
  EXPECT_EQ(router.batch_capacities(RoutingRequest{tokens, 2, 2, 4, batch.load, batch.capacity}),
            (std::vector<std::int64_t>{3, 10, 0, 7}));  // capped at B = 10
  // Unlimited capacity: ceil(B k / E x speed weight).
  RouterConfig config = config_for(4, 2);
  config.expert_speed = {1, 1, 2, 4};  // mean 2: weights 0.5, 0.5, 1, 2
  PhaseRouter weighted(config);
  batch.capacity.assign(4, std::numeric_limits<std::int32_t>::max());
  EXPECT_EQ(weighted.batch_capacities(RoutingRequest{tokens, 2, 2, 4, batch.load, batch.capacity}),
            (std::vector<std::int64_t>{3, 3, 5, 10}));
}

TEST(PhaseRouter, NoExpertExceedsItsBatchCapacity) {
  const int experts = 16, k = 3;
  PhaseRouter router(config_for(experts, k));
  Batch batch = make_batch(200, experts, 0);
  for (int j = 0; j < experts; ++j) batch.capacity[static_cast<std::size_t>(j)] = 5 + 7 * j % 40;
  for (std::uint64_t index = 0; index < 20; ++index) {
    const auto table = route(router, batch, experts, k, k + 2, index);
    std::vector<std::int32_t> load(static_cast<std::size_t>(experts), 0);
    for (std::size_t i = 0; i < batch.tokens.size(); ++i) {
      for (int c = 0; c < k; ++c)
        if (const ExpertId e = table[i * static_cast<std::size_t>(k + 2) + static_cast<std::size_t>(c)]; e >= 0) ++load[static_cast<std::size_t>(e)];
      for (int c = k; c < k + 2; ++c) EXPECT_EQ(table[i * static_cast<std::size_t>(k + 2) + static_cast<std::size_t>(c)], kNoExpert);
    }
    for (int j = 0; j < experts; ++j) EXPECT_LE(load[static_cast<std::size_t>(j)], batch.capacity[static_cast<std::size_t>(j)]);
  }
}

TEST(PhaseRouter, ReseedPerBatchOrFixed) {
  const Batch batch = make_batch(64, 8, 20);
  PhaseRouter per_batch(config_for(8, 2));
  PhaseRouter fixed(config_for(8, 2, {{"reseed", "fixed"}}));
  EXPECT_NE(route(per_batch, batch, 8, 2, 2, 0), route(per_batch, batch, 8, 2, 2, 1));
  EXPECT_EQ(route(per_batch, batch, 8, 2, 2, 5), route(per_batch, batch, 8, 2, 2, 5));
  EXPECT_EQ(route(fixed, batch, 8, 2, 2, 0), route(fixed, batch, 8, 2, 2, 1));
  const Batch smaller = make_batch(40, 8, 20);  // a new batch size rebuilds the fixed operator
  EXPECT_EQ(route(fixed, smaller, 8, 2, 2, 2).size(), 80u);
  EXPECT_EQ(route(fixed, batch, 8, 2, 2, 3), route(fixed, batch, 8, 2, 2, 0));
}

std::vector<ExpertId> route_with_degrees(Router& router, const Batch& batch, int experts, int k,
                                         std::span<const std::int32_t> degrees) {
  TokenBatch tokens{0, 0, batch.tokens, 0, {}};
  tokens.row_degrees = degrees;
  const RoutingRequest request{tokens, k, k, experts, batch.load, batch.capacity};
  std::vector<ExpertId> out(batch.tokens.size() * static_cast<std::size_t>(k), kNoExpert);
  router.route(request, out);
  return out;
}

TEST(PhaseRouter, PerTokenRowDegreesAreItsSDegrees) {
  const Batch batch = make_batch(64, 8, 20);
  PhaseRouter router(config_for(8, 2));
  // kAllExperts everywhere is the same as carrying no degrees; so is E.
  const std::vector<std::int32_t> all(64, kAllExperts), full(64, 8), none(64, 0);
  EXPECT_EQ(route_with_degrees(router, batch, 8, 2, all), route(router, batch, 8, 2, 2, 0));
  EXPECT_EQ(route_with_degrees(router, batch, 8, 2, full), route(router, batch, 8, 2, 2, 0));
  // Degree 0: no eligible expert, no route; degree 1: at most one route (row bound min(k, s_i)).
  const auto empty = route_with_degrees(router, batch, 8, 2, none);
  EXPECT_TRUE(std::all_of(empty.begin(), empty.end(), [](ExpertId e) { return e == kNoExpert; }));
  std::vector<std::int32_t> mixed(64, kAllExperts);
  for (std::size_t i = 0; i < mixed.size(); i += 2) mixed[i] = 1;
  const auto routes = route_with_degrees(router, batch, 8, 2, mixed);
  for (std::size_t i = 0; i < mixed.size(); i += 2) EXPECT_EQ(routes[2 * i + 1], kNoExpert) << i;
  // The same degrees under reseed = fixed reuse the operator; changed degrees rebuild it.
  PhaseRouter fixed(config_for(8, 2, {{"reseed", "fixed"}}));
  const auto before = route_with_degrees(fixed, batch, 8, 2, mixed);
  EXPECT_EQ(route_with_degrees(fixed, batch, 8, 2, none), empty);
  EXPECT_EQ(route_with_degrees(fixed, batch, 8, 2, mixed), before);
  // Wrong count or a degree outside 0..E: a ConfigError naming row_degrees.
  const std::vector<std::int32_t> short_list(63, 1), too_big(64, 9), negative(64, -2);
  for (const auto* degrees : {&short_list, &too_big, &negative}) {
    try {
      route_with_degrees(router, batch, 8, 2, *degrees);
      ADD_FAILURE() << "accepted bad row degrees";
    } catch (const ConfigError& error) {
      EXPECT_EQ(error.field(), "row_degrees");
    }
  }
}

TEST(PhaseRouter, FillAndDropsShowInTheRunSummary) {
  ScenarioSpec scenario = load_builtin_scenario(kDefaultScenario);
  scenario.workload.total_tokens = 8192;
  const RouterRegistry registry = builtin_router_registry();
  // Every token may use every expert and capacities cover k per token: full fill, no drops.
  const Summary all = run_scenario(scenario, RouterSpec{"phase", {}}, 0, registry).summary;
  EXPECT_DOUBLE_EQ(all.fill_ratio, 1.0);
  EXPECT_EQ(all.assignments_dropped, 0);
  // One eligible expert per token: at most one of the k = 2 slots can be filled.
  RouterSpec restricted{"phase", RouterParams(std::map<std::string, std::string>{{"eligible_experts", "1"}})};
  const Summary one = run_scenario(scenario, restricted, 0, registry).summary;
  EXPECT_LE(one.fill_ratio, 0.5);
  EXPECT_GT(one.fill_ratio, 0.0);
  EXPECT_EQ(one.assignments_dropped, 0);
}

}  // namespace
}  // namespace routelab::phase
