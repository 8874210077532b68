#pragma once
// Synthetic expert weights for the `signature` router to read: expert e's weight matrix has
// `rows` rows, each its specialty centre plus Gaussian noise. The noise (relative to the centres'
// RMS coordinate) makes experts that share a specialty differ a little, and some signs flip.
#include <cstdint>
#include <vector>

#include "scenarios/quality/quality_model.hpp"

namespace routelab {

struct ExpertWeightSpec {
  // 16 rows: enough that the sum of rows tracks the centre's signs, few enough that noise matters.
  int rows = 16;
  // Per-entry noise = 2 x the centres' RMS coordinate: the row sum's noise is then 8 x RMS against
  // a signal of 16 x |coordinate|, so small coordinates flip sign now and then.
  double relative_noise = 2.0;
};

// experts x rows x dim, row-major; from the stream (master seed, "experts/weights"): the same in
// every replication (the experts are part of the model, not of the traffic).
std::vector<float> synthetic_expert_weights(const QualityModel& model, const ExpertWeightSpec& spec,
                                            std::uint64_t master_seed);

}  // namespace routelab
