#include "routers/softmax_topk/softmax_gate_training.hpp"

#include <Eigen/Core>
#include <boost/random/normal_distribution.hpp>

#include "core/errors.hpp"
#include "core/rng_streams.hpp"
#include "routers/learned/adam.hpp"
#include "routers/learned/expert_ranking.hpp"
#include "routers/learned/mini_batches.hpp"
#include "routers/softmax_topk/softmax_gate.hpp"

namespace routelab {

namespace {

// Initial weights ~ N(0, 0.01^2): small, so the first gate is nearly uniform and every expert gets
// gradient, yet random enough to break the symmetry between experts that share a specialty.
constexpr double kInitialWeightScale = 0.01;

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using FloatRows = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

}  // namespace

struct GateScratch {
  RowMatrix x, loss, z, p, g, dz;
  std::vector<double> scores;
  std::vector<ExpertId> top, order;
};

GateObjective gate_objective(const GateParameters& parameters, std::span<const float> embeddings,
                             std::span<const float> losses, int k, double balance_coef, GateParameters* gradient,
                             GateScratch* scratch) {
  GateScratch local;
  GateScratch& s = scratch != nullptr ? *scratch : local;
  const Eigen::Index experts = parameters.experts;
  const Eigen::Index dim = parameters.dim;
  const Eigen::Index n = static_cast<Eigen::Index>(embeddings.size()) / dim;
  s.x = Eigen::Map<const FloatRows>(embeddings.data(), n, dim).cast<double>();
  s.loss = Eigen::Map<const FloatRows>(losses.data(), n, experts).cast<double>();
  const Eigen::Map<const RowMatrix> w(parameters.weights.data(), experts, dim);
  const Eigen::Map<const Eigen::RowVectorXd> b(parameters.bias.data(), experts);

  s.z.noalias() = s.x * w.transpose();
  s.z.rowwise() += b;
  s.p = (s.z.colwise() - s.z.rowwise().maxCoeff()).array().exp().matrix();
  s.p.array().colwise() /= s.p.rowwise().sum().array();
  const RowMatrix& p = s.p;

  Eigen::RowVectorXd slot_share = Eigen::RowVectorXd::Zero(experts);  // f_j
  s.scores.resize(static_cast<std::size_t>(experts));
  s.top.resize(static_cast<std::size_t>(k));
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < experts; ++j) s.scores[j] = s.z(i, j);
    write_ranking(s.scores, s.top, s.order);
    for (ExpertId e : s.top) slot_share[e] += 1.0;
  }
  slot_share /= static_cast<double>(n * k);
  const Eigen::RowVectorXd mean_probability = p.colwise().sum() / static_cast<double>(n);

  GateObjective objective;
  objective.task = p.cwiseProduct(s.loss).sum() / static_cast<double>(n);
  objective.balance = balance_coef * static_cast<double>(experts) * slot_share.dot(mean_probability);
  if (gradient == nullptr) return objective;

  // d objective / d p_ij = loss_ij / n + coef * E * f_j / n; then through the softmax.
  s.g = s.loss / static_cast<double>(n);
  s.g.rowwise() += (balance_coef * static_cast<double>(experts) / static_cast<double>(n)) * slot_share;
  const Eigen::VectorXd expected = p.cwiseProduct(s.g).rowwise().sum();
  s.dz = p.cwiseProduct(s.g.colwise() - expected);
  gradient->experts = parameters.experts;
  gradient->dim = parameters.dim;
  gradient->weights.resize(parameters.weights.size());
  gradient->bias.resize(parameters.bias.size());
  Eigen::Map<RowMatrix>(gradient->weights.data(), experts, dim).noalias() = s.dz.transpose() * s.x;
  Eigen::Map<Eigen::RowVectorXd>(gradient->bias.data(), experts) = s.dz.colwise().sum();
  return objective;
}

SoftmaxTrainingOptions softmax_training_options(const RouterParams& params) {
  SoftmaxTrainingOptions options;
  // Ranges are checked against softmax_topk_parameters() before this reads them.
  options.balance_coef = params.get_double("balance_coef", options.balance_coef);
  options.epochs = static_cast<int>(params.get_int("epochs", options.epochs));
  options.learning_rate = params.get_double("learning_rate", options.learning_rate);
  return options;
}

TrainedModel train_softmax_gate(const TrainingSet& set, const SoftmaxTrainingOptions& options) {
  const auto n = set.tokens();
  const auto dim = static_cast<std::size_t>(set.dim);
  const auto experts = static_cast<std::size_t>(set.experts);
  if (n == 0) throw ConfigError("train_tokens", "the training set is empty");

  RngEngine rng(set.seed);
  GateParameters parameters{set.experts, set.dim, std::vector<double>(experts * dim), std::vector<double>(experts, 0.0)};
  boost::random::normal_distribution<double> initial(0.0, kInitialWeightScale);
  for (double& w : parameters.weights) w = initial(rng);

  const auto batch_size = static_cast<std::size_t>(std::max(set.batch_size, set.k));
  Adam adam(parameters.weights.size() + parameters.bias.size(), options.learning_rate);
  MiniBatches batches(set, batch_size);
  GateParameters gradient;
  GateScratch scratch;
  TrainedModel trained;

  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    batches.shuffle(rng);
    for (std::size_t b = 0; b < batches.count(); ++b) {
      batches.gather(b);
      gate_objective(parameters, batches.embeddings(), batches.losses(), set.k, options.balance_coef, &gradient,
                     &scratch);
      adam.step({{parameters.weights, gradient.weights}, {parameters.bias, gradient.bias}});
    }
    // The epoch's loss: the objective over the whole training set, batch by batch in stream order.
    double total = 0;
    for (std::size_t start = 0; start < n; start += batch_size) {
      const std::size_t end = std::min(n, start + batch_size);
      const auto share = static_cast<double>(end - start) / static_cast<double>(n);
      total += share * gate_objective(parameters,
                                      std::span(set.embeddings).subspan(start * dim, (end - start) * dim),
                                      std::span(set.expert_loss).subspan(start * experts, (end - start) * experts),
                                      set.k, options.balance_coef, nullptr, &scratch)
                           .total();
    }
    trained.epoch_loss.push_back(total);
  }

  SoftmaxGate gate{set.experts, set.dim, {}, {}};
  gate.weights.assign(parameters.weights.begin(), parameters.weights.end());
  gate.bias.assign(parameters.bias.begin(), parameters.bias.end());
  auto document = model_document("softmax_topk", set.experts, set.dim);
  document["training"] = {{"tokens", n},
                          {"epochs", options.epochs},
                          {"balance_coef", options.balance_coef},
                          {"learning_rate", options.learning_rate},
                          {"batch_size", batch_size},
                          {"epoch_loss", trained.epoch_loss}};
  gate.write(document);
  trained.json = dump_model(document);
  return trained;
}

}  // namespace routelab
