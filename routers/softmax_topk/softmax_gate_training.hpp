#pragma once
// Training the softmax gate: the expected expert loss under the gate's softmax plus the Switch
// Transformer's auxiliary balance loss (Fedus et al. 2021, eq. 4), minimized with Adam over
// mini-batches of the scenario's batch size.
#include <span>
#include <vector>

#include "routers/learned/training_set.hpp"
#include "routers/router_config.hpp"

namespace routelab {

struct GateParameters {
  int experts = 0;
  int dim = 0;
  std::vector<double> weights;  // experts x dim, row-major
  std::vector<double> bias;     // experts
};

struct GateObjective {
  double task = 0;     // mean over tokens of sum_j p_ij * loss_ij (the expected expert loss)
  double balance = 0;  // coef * E * sum_j f_j * P_j
  double total() const { return task + balance; }
};

// Buffers that one evaluation after another reuses (defined in the .cpp): training evaluates the
// objective thousands of times, and fresh temporaries of this size cost more in page faults than
// the arithmetic (measured: 6.7 s against 0.8 s for a default training run).
struct GateScratch;

// The objective on n tokens (embeddings n x dim, losses n x experts). f_j is the share of the
// tokens' top-k slots held by expert j and P_j the mean probability of expert j; f is piecewise
// constant, so, as in Switch, the gradient treats it as a constant. When `gradient` is given it
// receives d objective / d parameters in the same layout.
GateObjective gate_objective(const GateParameters& parameters, std::span<const float> embeddings,
                             std::span<const float> losses, int k, double balance_coef,
                             GateParameters* gradient = nullptr, GateScratch* scratch = nullptr);

struct SoftmaxTrainingOptions {
  double balance_coef = 0.01;  // Switch's recommended alpha; 0 turns the balance loss off
  int epochs = 10;
  double learning_rate = 0.02;
};

// Reads balance_coef, epochs and learning_rate from the router's parameters (validated).
SoftmaxTrainingOptions softmax_training_options(const RouterParams& params);

// Deterministic for a fixed training set (its seed draws the initial weights and the shuffles).
TrainedModel train_softmax_gate(const TrainingSet& set, const SoftmaxTrainingOptions& options);

}  // namespace routelab
