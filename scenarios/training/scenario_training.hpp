#pragma once
// Training learned routers on a scenario: the training stream is the scenario's own workload at
// replication kTrainingReplication (never an evaluation replication), priced by its quality
// model. The same scenario and seed give the same model, byte for byte.
#include <cstdint>
#include <vector>

#include "routers/learned/learned_parameters.hpp"  // kDefaultTrainTokens
#include "routers/router_registry.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab {

// The scenario `routelab train` uses when none is named: the library's semantic scenario.
inline constexpr const char* kDefaultTrainingScenario = "semantic-clusters";

struct TrainingOutcome {
  TrainedModel model;
  std::int64_t tokens = 0;
  double seconds = 0;  // wall clock, not deterministic
};

// Throws UnknownNameError for an unknown router, ConfigError when it is not trainable or the
// scenario's tokens carry no embeddings.
TrainingOutcome train_router(const ScenarioSpec& scenario, const RouterSpec& router, const RouterRegistry& registry);

}  // namespace routelab
