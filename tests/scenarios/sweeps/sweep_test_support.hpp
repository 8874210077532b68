#pragma once
// Shared by the sweep tests: where the test data lives, and loading a sweep with its plan.
#include <filesystem>
#include <string>

#include "routers/router_registry.hpp"
#include "scenarios/sweeps/sweep_file.hpp"
#include "scenarios/sweeps/sweep_plan.hpp"
#include "scenarios/sweeps/sweep_scenario.hpp"

namespace routelab::sweeps::testing {

inline std::filesystem::path sweep_data(const std::string& name) {
  return std::filesystem::path(ROUTELAB_SOURCE_DIR) / "tests/scenarios/sweeps/data" / name;
}

inline const RouterRegistry& registry() {
  static const RouterRegistry instance = builtin_router_registry();
  return instance;
}

struct Loaded {
  SweepFile sweep;
  SweepPlan plan;
};

inline Loaded load_with_plan(const std::string& name) {
  SweepFile sweep = load_sweep_file(sweep_data(name), registry());
  SweepScenarioBuilder builder(sweep);
  SweepPlan plan = expand_plan(sweep, builder.context_document());
  return Loaded{std::move(sweep), std::move(plan)};
}

}  // namespace routelab::sweeps::testing
