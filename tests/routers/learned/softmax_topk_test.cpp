// softmax_topk: the gate's gradient against finite differences, training lowers its objective and
// is deterministic, models reload bit-exactly, and without the balance loss the gate collapses.
#include <gtest/gtest.h>

#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cstring>
#include <vector>

#include "core/errors.hpp"
#include "routers/softmax_topk/softmax_gate.hpp"
#include "routers/softmax_topk/softmax_gate_training.hpp"
#include "routers/softmax_topk/softmax_topk_router.hpp"
#include "tests/support/semantic_world.hpp"

namespace routelab {
namespace {

using testing::SemanticWorld;

struct GateProblem {
  GateParameters parameters;
  std::vector<float> x;
  std::vector<float> loss;
};

GateProblem random_problem(int n, int dim, int experts) {
  RngEngine rng(11);
  boost::random::normal_distribution<double> normal(0.0, 1.0);
  boost::random::uniform_real_distribution<double> uniform(0.0, 2.0);
  GateProblem p;
  p.parameters = {experts, dim, std::vector<double>(experts * dim), std::vector<double>(experts)};
  for (double& w : p.parameters.weights) w = 0.5 * normal(rng);
  for (double& b : p.parameters.bias) b = 0.5 * normal(rng);
  for (int i = 0; i < n * dim; ++i) p.x.push_back(static_cast<float>(normal(rng)));
  for (int i = 0; i < n * experts; ++i) p.loss.push_back(static_cast<float>(uniform(rng)));
  return p;
}

void check_gradient(double balance_coef) {
  const int k = 2;
  GateProblem p = random_problem(24, 5, 6);
  GateParameters gradient;
  gate_objective(p.parameters, p.x, p.loss, k, balance_coef, &gradient);
  const double h = 1e-6;
  auto numeric = [&](double& parameter) {
    const double saved = parameter;
    parameter = saved + h;
    const double up = gate_objective(p.parameters, p.x, p.loss, k, balance_coef).total();
    parameter = saved - h;
    const double down = gate_objective(p.parameters, p.x, p.loss, k, balance_coef).total();
    parameter = saved;
    return (up - down) / (2 * h);
  };
  for (std::size_t i = 0; i < p.parameters.weights.size(); ++i)
    EXPECT_NEAR(gradient.weights[i], numeric(p.parameters.weights[i]), 1e-7) << "weight " << i;
  for (std::size_t j = 0; j < p.parameters.bias.size(); ++j)
    EXPECT_NEAR(gradient.bias[j], numeric(p.parameters.bias[j]), 1e-7) << "bias " << j;
}

TEST(SoftmaxGateObjective, GradientMatchesFiniteDifferencesWithoutBalanceLoss) { check_gradient(0.0); }
TEST(SoftmaxGateObjective, GradientMatchesFiniteDifferencesWithBalanceLoss) { check_gradient(0.5); }

TEST(SoftmaxGateObjective, BalanceLossIsCoefWhenPerfectlyBalanced) {
  // Zero weights: uniform probabilities; four tokens whose top-1 (lowest id on ties) is expert 0,
  // so f = (1, 0, 0, 0), P = 1/4 each: balance = coef * 4 * 1/4 = coef.
  GateParameters zero{4, 2, std::vector<double>(8, 0.0), std::vector<double>(4, 0.0)};
  const std::vector<float> x(8, 1.0F);
  const std::vector<float> loss{1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4};
  const GateObjective objective = gate_objective(zero, x, loss, 1, 0.3);
  EXPECT_NEAR(objective.task, 2.5, 1e-12);
  EXPECT_NEAR(objective.balance, 0.3, 1e-12);
}

TEST(SoftmaxTopkTraining, LowersTheObjectiveBelowTheUniformGate) {
  const SemanticWorld world;
  const TrainingSet set = world.training_set(8192, 1);
  const TrainedModel trained = train_softmax_gate(set, SoftmaxTrainingOptions{0.01, 4, 0.02});
  ASSERT_EQ(trained.epoch_loss.size(), 4U);
  GateParameters uniform{set.experts, set.dim, std::vector<double>(set.experts * set.dim, 0.0),
                         std::vector<double>(set.experts, 0.0)};
  const double uniform_loss = gate_objective(uniform, set.embeddings, set.expert_loss, 1, 0.01).total();
  EXPECT_LT(trained.epoch_loss.front(), uniform_loss);
  EXPECT_LT(trained.epoch_loss.back(), trained.epoch_loss.front());
}

TEST(SoftmaxTopkTraining, IsDeterministicForAFixedSeed) {
  const SemanticWorld world;
  const TrainingSet set = world.training_set(4096, 2);
  const SoftmaxTrainingOptions options{0.01, 2, 0.02};
  EXPECT_EQ(train_softmax_gate(set, options).json, train_softmax_gate(set, options).json);
  TrainingSet reseeded = set;
  reseeded.seed += 1;
  EXPECT_NE(train_softmax_gate(reseeded, options).json, train_softmax_gate(set, options).json);
}

TEST(SoftmaxGateModel, FloatsRoundTripBitExactly) {
  SoftmaxGate gate{2, 3, {0.1F, -0.0F, 1e-45F, 3.4028235e38F, -1.1754944e-38F, 1.0F / 3.0F}, {2.5e-7F, -7.0F}};
  auto document = model_document("softmax_topk", 2, 3);
  gate.write(document);
  const ModelReader reader({dump_model(document), "test"}, "softmax_topk", 2);
  const SoftmaxGate back = SoftmaxGate::read(reader, 2);
  ASSERT_EQ(back.weights.size(), gate.weights.size());
  EXPECT_EQ(std::memcmp(back.weights.data(), gate.weights.data(), gate.weights.size() * sizeof(float)), 0);
  EXPECT_EQ(std::memcmp(back.bias.data(), gate.bias.data(), gate.bias.size() * sizeof(float)), 0);
}

TEST(SoftmaxGateModel, TrainedModelReloadsToTheSameText) {
  const SemanticWorld world;
  const TrainedModel trained = train_softmax_gate(world.training_set(2048, 1), SoftmaxTrainingOptions{0.01, 1, 0.02});
  const ModelReader reader({trained.json, "test"}, "softmax_topk", world.experts);
  auto document = model_document("softmax_topk", world.experts, reader.dim());
  SoftmaxGate::read(reader, world.experts).write(document);
  const auto original = nlohmann::json::parse(trained.json)["parameters"];
  EXPECT_EQ(nlohmann::json::parse(dump_model(document))["parameters"].dump(), original.dump());
}

// Trains with and without the Switch balance loss and evaluates both on held-out tokens.
struct CollapsePair {
  testing::Evaluation without_balance;
  testing::Evaluation with_balance;
};

CollapsePair collapse_pair() {
  const SemanticWorld world;
  const TrainingSet set = world.training_set(16384, 1);
  CollapsePair pair;
  for (double coef : {0.0, 0.05}) {
    const TrainedModel trained = train_softmax_gate(set, SoftmaxTrainingOptions{coef, 6, 0.02});
    SoftmaxTopkRouter router(world.router_config("softmax_topk", 1, trained.json));
    (coef == 0.0 ? pair.without_balance : pair.with_balance) = world.evaluate(router, 1);
  }
  return pair;
}

TEST(SoftmaxTopkRouter, CollapsesWithoutTheBalanceLoss) {
  const CollapsePair pair = collapse_pair();
  const double collapsed = pair.without_balance.summary.load_max_over_mean;
  const double balanced = pair.with_balance.summary.load_max_over_mean;
  std::printf("softmax_topk max/mean: balance_coef 0 -> %.3f, 0.05 -> %.3f; match share %.3f / %.3f\n", collapsed,
              balanced, pair.without_balance.quality.match_share, pair.with_balance.quality.match_share);
  EXPECT_GT(collapsed, 4.0);
  EXPECT_LT(balanced, 0.6 * collapsed);
  // Both still route by meaning: far above the 1/4 a content-blind router would match.
  EXPECT_GT(pair.without_balance.quality.match_share, 0.9);
}

TEST(SoftmaxTopkRouter, RejectsStreamsWithoutEmbeddings) {
  const SemanticWorld world;
  const TrainedModel trained = train_softmax_gate(world.training_set(512, 1), SoftmaxTrainingOptions{0.01, 1, 0.02});
  SoftmaxTopkRouter router(world.router_config("softmax_topk", 1, trained.json));
  const std::vector<Token> tokens(4);
  std::vector<std::int64_t> load(16, 0);
  std::vector<std::int32_t> capacity(16, 100);
  RoutingRequest request{TokenBatch{0, 0, tokens, 0, {}}, 1, 1, 16, load, capacity};
  std::vector<ExpertId> out(4, kNoExpert);
  EXPECT_THROW(router.route(request, out), ConfigError);
}

}  // namespace
}  // namespace routelab
