// Runs one library scenario with one router through the run builder and prints the trajectory
// fingerprint: the same as `routelab run --scenario NAME --router ROUTER` prints.
#include <cstdio>
#include <string>

#include "scenarios/run_builder/run_builder.hpp"
#include "scenarios/scenario_library.hpp"

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  using namespace routelab;
  const ScenarioSpec scenario = resolve_scenario(argv[1]);
  const RouterRegistry registry = builtin_router_registry();
  TrainedModelCache models;
  const RunBuilder builder(registry, models);
  const RunResult result = builder.build(scenario, RunKey{RouterSpec{argv[2], {}}})->run();
  std::printf("%s\n", fingerprint_hex(result.summary.fingerprint).c_str());
  return 0;
}
