#pragma once
// Training learned routers on a scenario: the training stream is the scenario's own workload at
// replication kTrainingReplication (never an evaluation replication), priced by its quality
// model. The same scenario and seed give the same model, byte for byte.
#include <cstdint>
#include <vector>

#include "routers/router_registry.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab {

// Training-stream tokens when the router's `train_tokens` parameter is absent: 64 batches of 512,
// enough for a 64 x 32 gate to settle, trained in about a second on one core.
inline constexpr std::int64_t kDefaultTrainTokens = 32768;
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
