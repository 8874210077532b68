// Gradient checks against central finite differences: the Gumbel-softmax path (soft sample and
// the straight-through estimator), the CV^2 balance regularizer, and learned_seed's objective.
#include <gtest/gtest.h>

#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <functional>
#include <vector>

#include "routers/learned_seed/gumbel_relaxation.hpp"
#include "routers/learned_seed/learned_seed_objective.hpp"

namespace routelab {
namespace {

constexpr double kStep = 1e-6;

double central_difference(double& x, const std::function<double()>& f) {
  const double saved = x;
  x = saved + kStep;
  const double up = f();
  x = saved - kStep;
  const double down = f();
  x = saved;
  return (up - down) / (2 * kStep);
}

std::vector<double> normal_values(std::size_t count, double scale, std::uint64_t seed) {
  RngEngine rng(seed);
  boost::random::normal_distribution<double> normal(0.0, scale);
  std::vector<double> values(count);
  for (double& v : values) v = normal(rng);
  return values;
}

TEST(GumbelSoftmax, SoftSampleIsSoftmaxOfNoisyLogitsAndHardIsItsArgmax) {
  const std::vector<double> z{0.0, 1.0, 0.5};
  const std::vector<double> g{0.2, -0.5, 0.3};
  std::vector<double> soft(3), hard(3);
  gumbel_softmax(z, g, 3, 0.5, soft, hard);
  const double a = std::exp(0.4), b = std::exp(1.0), c = std::exp(1.6);
  EXPECT_NEAR(soft[0], a / (a + b + c), 1e-15);
  EXPECT_NEAR(soft[2], c / (a + b + c), 1e-15);
  EXPECT_EQ(hard, (std::vector<double>{0, 0, 1}));
}

TEST(GumbelSoftmax, BackwardIsTheSoftSamplesJacobianTimesUpstream) {
  // J(z) = sum_i u_i . soft_i(z) for a fixed upstream u: its gradient is exactly the backward pass.
  const int rows = 4, m = 5;
  const double tau = 0.7;
  std::vector<double> z = normal_values(rows * m, 1.0, 1);
  const std::vector<double> g = normal_values(rows * m, 1.0, 2);
  const std::vector<double> u = normal_values(rows * m, 1.0, 3);
  std::vector<double> soft(rows * m), hard(rows * m), dz(rows * m);
  gumbel_softmax(z, g, m, tau, soft, hard);
  gumbel_softmax_backward(soft, u, m, tau, dz);
  auto surrogate = [&] {
    std::vector<double> s(rows * m), h(rows * m);
    gumbel_softmax(z, g, m, tau, s, h);
    double total = 0;
    for (int i = 0; i < rows * m; ++i) total += u[i] * s[i];
    return total;
  };
  for (int i = 0; i < rows * m; ++i) EXPECT_NEAR(dz[i], central_difference(z[i], surrogate), 1e-8) << i;
}

TEST(SquaredCv, GradientMatchesFiniteDifferences) {
  std::vector<double> loads{3.0, 1.0, 4.0, 1.5, 9.0, 2.6};
  std::vector<double> gradient(loads.size());
  const double value = squared_cv(loads, gradient);
  EXPECT_GT(value, 0.0);
  std::vector<double> none;
  for (std::size_t j = 0; j < loads.size(); ++j)
    EXPECT_NEAR(gradient[j], central_difference(loads[j], [&] { return squared_cv(loads, none); }), 1e-8) << j;
}

TEST(SquaredCv, IsZeroAndFlatAtPerfectBalance) {
  const std::vector<double> loads(5, 2.0);
  std::vector<double> gradient(5, 1.0);
  EXPECT_DOUBLE_EQ(squared_cv(loads, gradient), 0.0);
  for (double g : gradient) EXPECT_NEAR(g, 0.0, 1e-15);
}

constexpr int kLoadWidth = 7;

struct SeedProblem {
  SeedParameters parameters;
  std::vector<float> x, loss;
  std::vector<double> h, g, noise;  // H (seeds x experts), the load map G (seeds x kLoadWidth)
  int experts = 6;
};

SeedProblem seed_problem() {
  SeedProblem p;
  const int n = 30, dim = 4, seeds = 5;  // kDim and kSeeds below
  p.parameters = {seeds, dim, normal_values(seeds * dim, 0.7, 4), normal_values(seeds, 0.3, 5)};
  for (double v : normal_values(n * dim, 1.0, 6)) p.x.push_back(static_cast<float>(v));
  RngEngine rng(7);
  boost::random::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (int i = 0; i < n * p.experts; ++i) p.loss.push_back(static_cast<float>(2 * uniform(rng)));
  for (int m = 0; m < seeds; ++m) {  // each seed's share: a distribution over experts
    std::vector<double> row(p.experts);
    double sum = 0;
    for (double& v : row) sum += (v = uniform(rng));
    for (double v : row) p.h.push_back(v / sum);
  }
  for (int i = 0; i < seeds * kLoadWidth; ++i) p.g.push_back(uniform(rng));
  p.noise.resize(n * seeds);
  RngEngine noise_rng(8);
  draw_gumbel(noise_rng, p.noise);
  return p;
}

constexpr int kSeeds = 5;
constexpr int kDim = 4;
constexpr double kTau = 0.6;

// Noisy logits z + g and the soft and hard samples for the problem's current parameters.
void sample(const SeedProblem& p, std::vector<double>& soft, std::vector<double>& hard) {
  const std::size_t n = p.x.size() / kDim;
  std::vector<double> z(n * kSeeds);
  for (std::size_t i = 0; i < n; ++i)
    for (int m = 0; m < kSeeds; ++m) {
      double v = p.parameters.bias[m];
      for (int d = 0; d < kDim; ++d) v += p.parameters.projection[m * kDim + d] * p.x[i * kDim + d];
      z[i * kSeeds + m] = v;
    }
  soft.resize(z.size());
  hard.resize(z.size());
  gumbel_softmax(z, p.noise, kSeeds, kTau, soft, hard);
}

// dJ/dy at the hard sample, written out independently of the implementation:
// u_im = sum_j H_mj loss_ij / n + coef * sum_l G_ml dCV^2/dL_l, L = D G of the hard sample.
std::vector<double> upstream_at_hard_sample(const SeedProblem& p, double balance_coef) {
  std::vector<double> soft, hard;
  sample(p, soft, hard);
  const std::size_t n = p.x.size() / kDim;
  std::vector<double> loads(kLoadWidth, 0.0), load_gradient(kLoadWidth);
  for (std::size_t i = 0; i < n; ++i)
    for (int m = 0; m < kSeeds; ++m)
      for (int l = 0; l < kLoadWidth; ++l) loads[l] += hard[i * kSeeds + m] * p.g[m * kLoadWidth + l];
  squared_cv(loads, load_gradient);
  std::vector<double> upstream(n * kSeeds);
  for (std::size_t i = 0; i < n; ++i)
    for (int m = 0; m < kSeeds; ++m) {
      for (int j = 0; j < p.experts; ++j)
        upstream[i * kSeeds + m] += p.h[m * p.experts + j] * p.loss[i * p.experts + j] / static_cast<double>(n);
      for (int l = 0; l < kLoadWidth; ++l)
        upstream[i * kSeeds + m] += balance_coef * p.g[m * kLoadWidth + l] * load_gradient[l];
    }
  return upstream;
}

void check_seed_gradient(SeedForward forward, double balance_coef) {
  SeedProblem p = seed_problem();
  SeedParameters gradient;
  seed_objective(p.parameters, p.h, p.experts, {p.x, p.loss, p.noise}, kTau, balance_coef, forward,
                 {p.g, kLoadWidth}, &gradient);
  std::function<double()> reference;
  if (forward == SeedForward::soft) {
    // The soft path is smooth: its gradient is the gradient of the objective itself.
    reference = [&] {
      return seed_objective(p.parameters, p.h, p.experts, {p.x, p.loss, p.noise}, kTau, balance_coef, forward,
                            {p.g, kLoadWidth})
          .total();
    };
  } else {
    // The straight-through gradient is the exact gradient of the surrogate u . y_soft(theta), with
    // u = dJ/dy held at the hard forward sample.
    reference = [&p, upstream = upstream_at_hard_sample(p, balance_coef)] {
      std::vector<double> soft, hard;
      sample(p, soft, hard);
      double total = 0;
      for (std::size_t i = 0; i < soft.size(); ++i) total += upstream[i] * soft[i];
      return total;
    };
  }
  for (std::size_t i = 0; i < p.parameters.projection.size(); ++i)
    EXPECT_NEAR(gradient.projection[i], central_difference(p.parameters.projection[i], reference), 1e-7) << i;
  for (std::size_t m = 0; m < p.parameters.bias.size(); ++m)
    EXPECT_NEAR(gradient.bias[m], central_difference(p.parameters.bias[m], reference), 1e-7) << m;
}

TEST(LearnedSeedObjective, SoftPathGradientMatchesFiniteDifferences) { check_seed_gradient(SeedForward::soft, 0.0); }
TEST(LearnedSeedObjective, SoftPathWithRegularizerGradientMatchesFiniteDifferences) {
  check_seed_gradient(SeedForward::soft, 2.0);
}
TEST(LearnedSeedObjective, StraightThroughGradientMatchesItsSurrogate) {
  check_seed_gradient(SeedForward::straight_through, 2.0);
}

TEST(LearnedSeedObjective, HardForwardUsesTheArgmax) {
  // With the hard forward, the task term is the mean over tokens of lbar at the noisy argmax.
  SeedProblem p = seed_problem();
  const SeedObjective objective =
      seed_objective(p.parameters, p.h, p.experts, {p.x, p.loss, p.noise}, kTau, 0.0, SeedForward::straight_through,
                     {p.g, kLoadWidth});
  std::vector<double> soft, hard;
  sample(p, soft, hard);
  const std::size_t n = p.x.size() / kDim;
  double task = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (int m = 0; m < kSeeds; ++m)
      for (int j = 0; j < p.experts; ++j) task += hard[i * kSeeds + m] * p.h[m * p.experts + j] * p.loss[i * p.experts + j];
  EXPECT_NEAR(objective.task, task / static_cast<double>(n), 1e-12);
  EXPECT_DOUBLE_EQ(objective.balance, 0.0);
}

}  // namespace
}  // namespace routelab
