#pragma once
// Where the quality model and training find a scenario's semantic structure: the class centres of
// its semantic workload. The one place that knows how the workload exposes them.
#include <optional>

#include "scenarios/quality/semantic_space.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab {

// The scenario's semantic space; nullopt when its tokens carry no embeddings.
std::optional<SemanticSpace> semantic_space(const ScenarioSpec& scenario);

}  // namespace routelab
