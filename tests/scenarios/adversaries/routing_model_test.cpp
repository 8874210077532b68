// The attacker's model of a router: known functions agree with replaying the router itself.
#include <gtest/gtest.h>

#include <algorithm>

#include "scenarios/adversaries/collision_search.hpp"
#include "scenarios/adversaries/routing_model.hpp"

namespace routelab {
namespace {

RouterConfig config_for(const std::string& name, int k, std::uint64_t seed = 77) {
  RouterConfig config;
  config.name = name;
  config.seed = seed;
  config.num_experts = 64;
  config.k = k;
  return config;
}

TEST(RoutingModel, KnownHashFunctionEqualsReplayingTheRouter) {
  const auto registry = builtin_router_registry();
  for (int k : {1, 2, 6}) {
    auto known = make_routing_model(config_for("hash", k), registry);
    auto replay = make_replay_model(config_for("hash", k), registry);
    ASSERT_EQ(known->footprint_size(), k);
    std::vector<ExpertId> a(static_cast<std::size_t>(k)), b(static_cast<std::size_t>(k));
    for (std::uint64_t key = 0; key < 3000; ++key) {
      known->footprint(key * 0x9e3779b97f4a7c15ULL, a);
      replay->footprint(key * 0x9e3779b97f4a7c15ULL, b);
      ASSERT_EQ(a, b) << "k=" << k << " key " << key;
    }
  }
}

TEST(RoutingModel, PowerOfTwoFootprintHoldsEveryChoiceTheRouterMakes) {
  const auto registry = builtin_router_registry();
  for (int k : {1, 2}) {
    auto known = make_routing_model(config_for("power_of_two", k), registry);
    auto replay = make_replay_model(config_for("power_of_two", k), registry);
    ASSERT_EQ(known->footprint_size(), 2 * k);
    std::vector<ExpertId> footprint(static_cast<std::size_t>(2 * k)), chosen(static_cast<std::size_t>(k));
    for (std::uint64_t key = 0; key < 2000; ++key) {
      known->footprint(key, footprint);
      replay->footprint(key, chosen);
      for (ExpertId e : chosen) ASSERT_NE(std::find(footprint.begin(), footprint.end(), e), footprint.end());
    }
  }
}

TEST(RoutingModel, ReplayingALoadAwareRouterPredictsNothingUseful) {
  // At zero load greedy always answers experts 0..k-1: the "collisions" it yields are just keys.
  const auto registry = builtin_router_registry();
  auto replay = make_routing_model(config_for("greedy", 2), registry);
  std::vector<ExpertId> out(2);
  replay->footprint(123, out);
  EXPECT_EQ(out, (std::vector<ExpertId>{0, 1}));
}

TEST(CollisionSearch, FoundKeysLieInTheTargetSet) {
  const auto registry = builtin_router_registry();
  auto model = make_routing_model(config_for("hash", 2), registry);
  RngEngine rng(5);
  const auto found = find_colliding_keys(*model, 64, 4, 20, 1'000'000, 0, rng);
  ASSERT_EQ(found.target.size(), 4u);
  ASSERT_EQ(found.keys.size(), 20u);
  EXPECT_LE(found.tried, 1'000'000);
  std::vector<ExpertId> footprint(2);
  for (auto key : found.keys) {
    model->footprint(key, footprint);
    for (ExpertId e : footprint) EXPECT_TRUE(std::binary_search(found.target.begin(), found.target.end(), e));
  }
}

TEST(CollisionSearch, StopsAtItsBudgetAndRespectsTheKeySpace) {
  const auto registry = builtin_router_registry();
  auto model = make_routing_model(config_for("hash", 1), registry);
  RngEngine rng(6);
  const auto found = find_colliding_keys(*model, 64, 1, 1000, 640, 5000, rng);
  EXPECT_EQ(found.tried, 640);
  EXPECT_GE(found.keys.size(), 1u);
  EXPECT_LT(found.keys.size(), 40u);  // about 640 / 64 expected
  for (auto key : found.keys) EXPECT_LT(key, 5000u);
}

}  // namespace
}  // namespace routelab
