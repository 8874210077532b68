#pragma once
// The buffers seed_objective reuses between calls (learned_seed_objective.hpp). Internal to the
// routers library: it is the only place outside the .cpp files that includes Eigen.
#include <Eigen/Core>

namespace routelab {

struct SeedScratch {
  using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  RowMatrix x, loss, z, zeros, soft, hard, expected_loss, upstream, dz;
};

}  // namespace routelab
