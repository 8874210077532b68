// End-to-end throughput: tokens per second of one whole run of the embedded default scenario
// (workload, router, engine, metrics), the same work as `routelab run --router NAME`.
#include <benchmark/benchmark.h>

#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"

namespace {

void BM_DefaultScenario(benchmark::State& state, const char* router) {
  const routelab::ScenarioSpec scenario = routelab::load_builtin_scenario(routelab::kDefaultScenario);
  const routelab::RouterRegistry registry = routelab::builtin_router_registry();
  std::int64_t tokens = 0;
  std::int64_t events = 0;
  for (auto _ : state) {
    const routelab::RunResult result = routelab::run_scenario(scenario, routelab::RouterSpec{router, {}}, 0, registry);
    tokens += result.summary.tokens;
    events += result.summary.events;
    benchmark::DoNotOptimize(result.summary.fingerprint);
  }
  state.SetItemsProcessed(tokens);  // items/s = tokens/s
  state.counters["events_per_second"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK_CAPTURE(BM_DefaultScenario, hash, "hash")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_DefaultScenario, greedy, "greedy")->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
