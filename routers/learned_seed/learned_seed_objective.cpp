#include "routers/learned_seed/learned_seed_objective.hpp"

#include <Eigen/Core>

#include "routers/learned_seed/gumbel_relaxation.hpp"

namespace routelab {

namespace {
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using FloatRows = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
}  // namespace

SeedObjective seed_objective(const SeedParameters& parameters, std::span<const double> window_share, int experts,
                             const SeedBatchView& batch, double temperature, double balance_coef, SeedForward forward,
                             const LoadMap& load_map, SeedParameters* gradient) {
  const Eigen::Index m = parameters.seeds;
  const Eigen::Index dim = parameters.dim;
  const Eigen::Index n = static_cast<Eigen::Index>(batch.embeddings.size()) / dim;
  const RowMatrix x = Eigen::Map<const FloatRows>(batch.embeddings.data(), n, dim).cast<double>();
  const RowMatrix loss = Eigen::Map<const FloatRows>(batch.losses.data(), n, experts).cast<double>();
  const Eigen::Map<const RowMatrix> h(window_share.data(), m, experts);
  const Eigen::Map<const RowMatrix> p(parameters.projection.data(), m, dim);
  const Eigen::Map<const Eigen::RowVectorXd> c(parameters.bias.data(), m);

  RowMatrix z = x * p.transpose();
  z.rowwise() += c;
  RowMatrix noise = RowMatrix::Zero(n, m);
  if (!batch.noise.empty()) noise = Eigen::Map<const RowMatrix>(batch.noise.data(), n, m);
  RowMatrix soft(n, m);
  RowMatrix hard(n, m);
  gumbel_softmax({z.data(), static_cast<std::size_t>(z.size())}, {noise.data(), static_cast<std::size_t>(noise.size())},
                 static_cast<int>(m), temperature, {soft.data(), static_cast<std::size_t>(soft.size())},
                 {hard.data(), static_cast<std::size_t>(hard.size())});
  const RowMatrix& y = forward == SeedForward::soft ? soft : hard;

  const RowMatrix expected_loss = loss * h.transpose();  // lbar: n x seeds
  const Eigen::Map<const RowMatrix> g(load_map.map.data(), m, load_map.width);
  const Eigen::RowVectorXd loads = y.colwise().sum() * g;  // D G
  Eigen::RowVectorXd load_gradient(loads.size());
  SeedObjective objective;
  objective.task = y.cwiseProduct(expected_loss).sum() / static_cast<double>(n);
  objective.balance =
      balance_coef * squared_cv({loads.data(), static_cast<std::size_t>(loads.size())},
                                {load_gradient.data(), static_cast<std::size_t>(loads.size())});
  if (gradient == nullptr) return objective;

  // dJ/dy_im = lbar_im / n + coef * sum_l dCV^2/dloads_l * G_ml, then through the soft sample.
  RowMatrix upstream = expected_loss / static_cast<double>(n);
  upstream.rowwise() += balance_coef * (load_gradient * g.transpose());
  RowMatrix dz(n, m);
  gumbel_softmax_backward({soft.data(), static_cast<std::size_t>(soft.size())},
                          {upstream.data(), static_cast<std::size_t>(upstream.size())}, static_cast<int>(m),
                          temperature, {dz.data(), static_cast<std::size_t>(dz.size())});
  gradient->seeds = parameters.seeds;
  gradient->dim = parameters.dim;
  gradient->projection.resize(parameters.projection.size());
  gradient->bias.resize(parameters.bias.size());
  Eigen::Map<RowMatrix>(gradient->projection.data(), m, dim) = dz.transpose() * x;
  Eigen::Map<Eigen::RowVectorXd>(gradient->bias.data(), m) = dz.colwise().sum();
  return objective;
}

}  // namespace routelab
