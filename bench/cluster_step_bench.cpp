// One expert-parallel step of ep-deepseek-v3 (4,096 tokens, top-8 of 256 experts, 32 GPUs on 4
// nodes, EPLB with 32 redundant experts) against the router's own time for the same batch: the
// issue's goal is a step model costing at most 2x the router (bench/RESULTS.md).
#include <benchmark/benchmark.h>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include "cluster/step_model.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_library.hpp"

namespace {

constexpr std::size_t kTokens = 4096;

struct Batch {
  routelab::ScenarioSpec scenario = routelab::load_builtin_scenario("ep-deepseek-v3");
  std::vector<routelab::Token> tokens;
  std::vector<std::int64_t> load;
  std::vector<std::int32_t> capacity;
  Batch() {
    boost::random::mt19937 rng(14);
    boost::random::uniform_int_distribution<std::uint64_t> key(0, scenario.workload.vocabulary - 1);
    for (std::size_t i = 0; i < kTokens; ++i) tokens.push_back({i, key(rng), 0, -1});
    load.assign(scenario.simulation.num_experts, 0);
    capacity.assign(scenario.simulation.num_experts, INT32_MAX);
  }
  routelab::RoutingRequest request() const {
    routelab::RoutingRequest r;
    r.batch.tokens = tokens;
    r.k = scenario.simulation.k;
    r.depth = r.k;
    r.num_experts = scenario.simulation.num_experts;
    r.expert_load = load;
    r.expert_capacity = capacity;
    return r;
  }
};

std::unique_ptr<routelab::Router> make_router(const Batch& batch, const char* name) {
  static const routelab::RouterRegistry registry = routelab::builtin_router_registry();
  return registry.create(routelab::make_router_config(batch.scenario, routelab::RouterSpec{name, {}}, 0));
}

void BM_Router(benchmark::State& state, const char* name) {
  const Batch batch;
  auto router = make_router(batch, name);
  const auto request = batch.request();
  std::vector<routelab::ExpertId> out(kTokens * request.k);
  for (auto _ : state) {
    std::fill(out.begin(), out.end(), routelab::kNoExpert);
    router->route(request, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kTokens));
}

// The step on the router's routes; `replan` re-runs EPLB after every step (the costliest setting).
void BM_Step(benchmark::State& state, const char* name, bool replan) {
  const Batch batch;
  auto router = make_router(batch, name);
  const auto request = batch.request();
  std::vector<routelab::ExpertId> placed(kTokens * request.k, routelab::kNoExpert);
  router->route(request, placed);
  routelab::cluster::ClusterSpec spec = batch.scenario.cluster;
  spec.rebalance_interval = replan ? 1 : 0;
  routelab::cluster::StepModel model(spec, batch.scenario.simulation.num_experts);
  for (auto _ : state) {
    const auto step = model.step(kTokens, placed, request.k);
    benchmark::DoNotOptimize(step.step_us);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kTokens));
}

}  // namespace

BENCHMARK_CAPTURE(BM_Router, hash, "hash")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Router, power_of_two, "power_of_two")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Router, greedy, "greedy")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Step, hash, "hash", false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Step, hash_replan_every_step, "hash", true)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
