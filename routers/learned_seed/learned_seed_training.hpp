#pragma once
// Training learned_seed: Adam on the projection through the straight-through Gumbel-softmax, and,
// after each epoch, a discrete step on the seed table: each seed in turn moves its ring offset to
// the candidate (2M evenly spaced ones) that lowers the objective most for the tokens it holds.
// The model kept is the epoch with the lowest training objective.
// Deterministic for a fixed training set: its seed draws the initial projection, the shuffles and
// the Gumbel noise, all from Boost distributions, in one thread.
#include <cstdint>
#include <span>

#include "routers/learned/training_set.hpp"
#include "routers/router_config.hpp"
#include "routers/router_parameters.hpp"

namespace routelab {

// What the balance regularizer evens out (learned_seed_objective.hpp): the demand on each ring
// position (seeds spread over their windows; where the ring's capacity binds, so even loads mean
// nothing overflows to the oblivious fallback) or the relaxed expert loads.
enum class SeedBalance { ring, experts };

struct SeedTrainingOptions {
  int seeds = 0;              // M; 0 means 2 x experts (each window about half an expert's arc)
  int epochs = 10;
  double learning_rate = 0.05;
  double temperature = 0.5;   // Gumbel-softmax tau: soft enough for gradient, sharp enough to mean argmax
  double balance_coef = 0.5;  // weight of the CV^2 of the relaxed loads
  SeedBalance balance_on = SeedBalance::ring;
  double probe_limit = 1.0;   // inference: a seed's tokens reach (1 + this) windows, the rest fall back
};

SeedTrainingOptions seed_training_options(const RouterParams& params);
// learned_seed's parameters (the shared learned ones, then the training options above).
const ParamSchema& learned_seed_parameters();

// `capacities`: the phase router's t_j for a batch of set.batch_size tokens (the training ring).
TrainedModel train_learned_seed(const TrainingSet& set, std::span<const std::int64_t> capacities,
                                const SeedTrainingOptions& options);

}  // namespace routelab
