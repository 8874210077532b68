#pragma once
// A canonical text of everything in a scenario that can change a run's outcome: the simulation
// settings, the token stream, the trace and the adversary (not its name, description or source).
// Two scenarios with the same digest give the same runs; it keys the trained-model cache.
#include <string>

#include "scenarios/scenario_spec.hpp"

namespace routelab {

std::string scenario_digest(const ScenarioSpec& scenario);

}  // namespace routelab
