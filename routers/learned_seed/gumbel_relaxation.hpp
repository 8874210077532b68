#pragma once
// The differentiable pieces of learned_seed's training, as plain functions so tests can check
// each gradient against finite differences.
//
// Gumbel-softmax (Jang et al. 2017; Maddison et al. 2017): for logits z and Gumbel noise g,
//   soft = softmax((z + g) / tau),   hard = one_hot(argmax(z + g)).
// The straight-through estimator uses `hard` in the forward pass and the Jacobian of `soft` in the
// backward pass: dJ/dz = J_soft(z)^T * dJ/dy evaluated at y = hard.
#include <cstdint>
#include <span>

#include "core/rng_streams.hpp"

namespace routelab {

// n rows of `choices` logits (row-major). `soft` and `hard` receive n x choices values; the argmax
// takes the lowest index on ties.
void gumbel_softmax(std::span<const double> logits, std::span<const double> noise, int choices, double temperature,
                    std::span<double> soft, std::span<double> hard);

// dJ/dz = (1/tau) * soft * (upstream - sum(soft * upstream)), row by row: the Jacobian of the soft
// sample applied to `upstream` (dJ/dy, wherever it was evaluated).
void gumbel_softmax_backward(std::span<const double> soft, std::span<const double> upstream, int choices,
                             double temperature, std::span<double> logits_gradient);

// Standard Gumbel noise -log(-log u), u uniform on (0, 1), from a Boost-distributed engine.
void draw_gumbel(RngEngine& rng, std::span<double> noise);

// Squared coefficient of variation of the loads, var / mean^2 (0 when the mean is 0); when
// `gradient` is non-empty it receives d CV^2 / d load_j. Scale-free, smooth, zero exactly at
// perfect balance: the balance regularizer of learned_seed.
double squared_cv(std::span<const double> loads, std::span<double> gradient);

}  // namespace routelab
