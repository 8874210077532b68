#pragma once
// Draws a training set from a token stream: embeddings in stream order, the quality model's loss
// of every expert for every token, and the experts' synthetic weights.
#include <cstdint>

#include "engine/workload.hpp"
#include "routers/learned/training_set.hpp"
#include "scenarios/quality/expert_weights.hpp"
#include "scenarios/quality/quality_model.hpp"

namespace routelab {

// Training streams use replications from 2^40 up: a scenario's evaluation replications are
// below 100,000, so training and evaluation never share a token.
inline constexpr std::uint64_t kTrainingReplication = std::uint64_t{1} << 40;

struct TrainingSetRequest {
  std::int64_t tokens = 32768;  // default: 64 batches of 512; a gate of 64 x 32 fits in seconds
  int k = 1;
  int batch_size = 256;
  std::uint64_t seed = 0;       // initialization, shuffles, Gumbel noise
  ExpertWeightSpec expert_weights;
  std::uint64_t master_seed = 0;  // for the expert weights' stream
};

// Reads up to request.tokens tokens (fewer if the stream ends first; throws ConfigError if it has
// none or carries no embeddings of the model's width).
TrainingSet build_training_set(Workload& stream, const QualityModel& model, const TrainingSetRequest& request);

}  // namespace routelab
