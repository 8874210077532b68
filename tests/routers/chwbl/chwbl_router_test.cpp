// chwbl (consistent hashing with bounded loads): no expert above ceil((1 + epsilon) B k / E) in any
// batch, whatever the keys (identical keys included), also under the seed-aware collision attack;
// below the bound a key stays on its ring experts (it is consistent hashing).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/random/uniform_int_distribution.hpp>
#include <memory>

#include "routers/chwbl/chwbl_router.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"
#include "tests/support/router_harness.hpp"

namespace routelab {
namespace {

using testing::loads_of;
using testing::route_batch;
using testing::RouteCall;
using testing::tokens_with_keys;

std::unique_ptr<Router> make_chwbl(std::uint64_t seed, int experts, int k, double epsilon) {
  RouterConfig config;
  config.name = "chwbl";
  config.seed = seed;
  config.num_experts = experts;
  config.k = k;
  config.params.set("epsilon", std::to_string(epsilon));
  return builtin_router_registry().create(config);
}

TEST(ChwblRouter, NoExpertAboveTheBoundInAnyBatch) {
  struct Shape {
    int experts, k;
  };
  for (const Shape shape : {Shape{8, 1}, Shape{8, 2}, Shape{5, 3}, Shape{64, 1}, Shape{64, 4}}) {
    for (const double epsilon : {0.0, 0.1, 0.25, 1.0}) {
      for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        auto router = make_chwbl(seed, shape.experts, shape.k, epsilon);
        RngEngine rng(seed);
        for (const std::size_t batch : {std::size_t{1}, std::size_t{37}, std::size_t{512}}) {
          // Three key mixes: one key for the whole batch, a tiny vocabulary, distinct keys.
          for (const std::uint64_t vocabulary : {std::uint64_t{1}, std::uint64_t{5}, std::uint64_t{1} << 40}) {
            std::vector<std::uint64_t> keys(batch);
            for (auto& key : keys) key = boost::random::uniform_int_distribution<std::uint64_t>(0, vocabulary - 1)(rng);
            const auto table = route_batch(*router, tokens_with_keys(keys), RouteCall(shape.experts, shape.k));
            const auto loads = loads_of(table, shape.k, shape.k, shape.experts);
            const std::int64_t bound = ChwblRouter::load_bound(epsilon, batch, shape.k, shape.experts);
            EXPECT_LE(*std::max_element(loads.begin(), loads.end()), bound)
                << "E=" << shape.experts << " k=" << shape.k << " eps=" << epsilon << " B=" << batch;
          }
        }
      }
    }
  }
}

TEST(ChwblRouter, OneKeyFillsItsExpertExactlyToTheBoundThenWalksOn) {
  auto router = make_chwbl(3, 16, 1, 0.25);
  const std::vector<std::uint64_t> keys(512, 42);
  const auto loads = loads_of(route_batch(*router, tokens_with_keys(keys), RouteCall(16, 1)), 1, 1, 16);
  const std::int64_t bound = ChwblRouter::load_bound(0.25, 512, 1, 16);  // ceil(1.25 * 32) = 40
  EXPECT_EQ(bound, 40);
  // 512 tokens of one key over experts of 40 each: 12 full experts, one with the last 32.
  EXPECT_EQ(std::count(loads.begin(), loads.end(), bound), 12);
  EXPECT_EQ(std::count(loads.begin(), loads.end(), 32), 1);
}

TEST(ChwblRouter, BelowTheBoundAKeyAlwaysLandsOnItsHomeExperts) {
  auto router = make_chwbl(11, 32, 2, 100.0);  // a bound nobody reaches: plain consistent hashing
  std::map<std::uint64_t, std::vector<ExpertId>> home;
  RngEngine rng(4);
  for (int b = 0; b < 20; ++b) {
    std::vector<std::uint64_t> keys(64);
    for (auto& key : keys) key = boost::random::uniform_int_distribution<std::uint64_t>(0, 200)(rng);
    const auto table = route_batch(*router, tokens_with_keys(keys), RouteCall(32, 2));
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const std::vector<ExpertId> experts(table.begin() + static_cast<std::ptrdiff_t>(2 * i),
                                          table.begin() + static_cast<std::ptrdiff_t>(2 * i + 2));
      EXPECT_NE(experts[0], experts[1]);
      auto [it, inserted] = home.emplace(keys[i], experts);
      if (!inserted) {
        EXPECT_EQ(it->second, experts) << "key " << keys[i] << " moved in batch " << b;
      }
    }
  }
}

// A router that checks the bound on every batch the engine hands chwbl.
class BoundCheckingRouter : public Router {
 public:
  BoundCheckingRouter(std::unique_ptr<Router> inner, double epsilon, std::int64_t* worst_excess, std::int64_t* batches)
      : inner_(std::move(inner)), epsilon_(epsilon), worst_excess_(worst_excess), batches_(batches) {}
  void route(const RoutingRequest& request, std::span<ExpertId> out) override {
    inner_->route(request, out);
    const std::vector<ExpertId> table(out.begin(), out.end());
    const auto loads = loads_of(table, request.depth, request.k, request.num_experts);
    const std::int64_t bound = ChwblRouter::load_bound(epsilon_, request.batch.tokens.size(), request.k,
                                                       request.num_experts);
    *worst_excess_ = std::max(*worst_excess_, *std::max_element(loads.begin(), loads.end()) - bound);
    ++*batches_;
  }

 private:
  std::unique_ptr<Router> inner_;
  double epsilon_;
  std::int64_t* worst_excess_;
  std::int64_t* batches_;
};

TEST(ChwblRouter, BoundHoldsUnderTheSeedAwareCollisionAttack) {
  std::int64_t worst_excess = std::numeric_limits<std::int64_t>::min();
  std::int64_t batches = 0;
  RouterRegistry registry;
  const RouterRegistry builtin = builtin_router_registry();
  for (RouterInfo info : builtin.entries()) {
    if (info.name == "chwbl")
      info.factory = [&](const RouterConfig& config) -> std::unique_ptr<Router> {
        return std::make_unique<BoundCheckingRouter>(make_chwbl_router(config), 0.25, &worst_excess, &batches);
      };
    registry.add(std::move(info));
  }
  ScenarioSpec scenario = load_builtin_scenario("attack-collision");
  const RunResult result = run_scenario(scenario, RouterSpec{"chwbl", {}}, 0, registry);
  ASSERT_TRUE(result.adversary.has_value());
  EXPECT_GT(batches, 100);  // the benign and the attacked run, every batch
  EXPECT_LE(worst_excess, 0) << "an expert went above ceil(1.25 mean) in some batch";
}

}  // namespace
}  // namespace routelab
