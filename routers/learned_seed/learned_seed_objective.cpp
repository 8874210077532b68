#include "routers/learned_seed/learned_seed_objective.hpp"

#include <Eigen/Core>

#include "routers/learned_seed/gumbel_relaxation.hpp"
#include "routers/learned_seed/seed_scratch.hpp"

namespace routelab {

namespace {
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using FloatRows = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
}  // namespace

SeedObjective seed_objective(const SeedParameters& parameters, std::span<const double> window_share, int experts,
                             const SeedBatchView& batch, double temperature, double balance_coef, SeedForward forward,
                             const LoadMap& load_map, SeedParameters* gradient, SeedScratch* scratch) {
  SeedScratch local;
  SeedScratch& s = scratch != nullptr ? *scratch : local;
  const Eigen::Index m = parameters.seeds;
  const Eigen::Index dim = parameters.dim;
  const Eigen::Index n = static_cast<Eigen::Index>(batch.embeddings.size()) / dim;
  const auto cells = static_cast<std::size_t>(n * m);
  s.x = Eigen::Map<const FloatRows>(batch.embeddings.data(), n, dim).cast<double>();
  s.loss = Eigen::Map<const FloatRows>(batch.losses.data(), n, experts).cast<double>();
  const Eigen::Map<const RowMatrix> h(window_share.data(), m, experts);
  const Eigen::Map<const RowMatrix> p(parameters.projection.data(), m, dim);
  const Eigen::Map<const Eigen::RowVectorXd> c(parameters.bias.data(), m);

  s.z.noalias() = s.x * p.transpose();
  s.z.rowwise() += c;
  std::span<const double> noise = batch.noise;
  if (noise.empty()) {
    s.zeros.setZero(n, m);
    noise = {s.zeros.data(), cells};
  }
  s.soft.resize(n, m);
  s.hard.resize(n, m);
  gumbel_softmax({s.z.data(), cells}, noise, static_cast<int>(m), temperature, {s.soft.data(), cells},
                 {s.hard.data(), cells});
  const RowMatrix& y = forward == SeedForward::soft ? s.soft : s.hard;

  s.expected_loss.noalias() = s.loss * h.transpose();  // lbar: n x seeds
  const Eigen::Map<const RowMatrix> g(load_map.map.data(), m, load_map.width);
  const Eigen::RowVectorXd loads = y.colwise().sum() * g;  // D G
  Eigen::RowVectorXd load_gradient(loads.size());
  SeedObjective objective;
  objective.task = y.cwiseProduct(s.expected_loss).sum() / static_cast<double>(n);
  objective.balance =
      balance_coef * squared_cv({loads.data(), static_cast<std::size_t>(loads.size())},
                                {load_gradient.data(), static_cast<std::size_t>(loads.size())});
  if (gradient == nullptr) return objective;

  // dJ/dy_im = lbar_im / n + coef * sum_l dCV^2/dloads_l * G_ml, then through the soft sample.
  s.upstream = s.expected_loss / static_cast<double>(n);
  s.upstream.rowwise() += balance_coef * (load_gradient * g.transpose());
  s.dz.resize(n, m);
  gumbel_softmax_backward({s.soft.data(), cells}, {s.upstream.data(), cells}, static_cast<int>(m), temperature,
                          {s.dz.data(), cells});
  gradient->seeds = parameters.seeds;
  gradient->dim = parameters.dim;
  gradient->projection.resize(parameters.projection.size());
  gradient->bias.resize(parameters.bias.size());
  Eigen::Map<RowMatrix>(gradient->projection.data(), m, dim).noalias() = s.dz.transpose() * s.x;
  Eigen::Map<Eigen::RowVectorXd>(gradient->bias.data(), m) = s.dz.colwise().sum();
  return objective;
}

}  // namespace routelab
