#pragma once
// Adam (Kingma & Ba 2015) over one flat parameter vector. Plain sequential arithmetic, so a fixed
// seed and data order give bit-identical parameters on every run and thread count.
#include <Eigen/Core>
#include <cmath>

namespace routelab {

class Adam {
 public:
  // Defaults from the paper; they suit every learned router here.
  static constexpr double kBeta1 = 0.9;
  static constexpr double kBeta2 = 0.999;
  static constexpr double kEpsilon = 1e-8;

  Adam(Eigen::Index size, double learning_rate)
      : m_(Eigen::ArrayXd::Zero(size)), v_(Eigen::ArrayXd::Zero(size)), learning_rate_(learning_rate) {}

  void step(Eigen::Ref<Eigen::ArrayXd> parameters, const Eigen::Ref<const Eigen::ArrayXd>& gradient) {
    ++t_;
    m_ = kBeta1 * m_ + (1 - kBeta1) * gradient;
    v_ = kBeta2 * v_ + (1 - kBeta2) * gradient.square();
    const double correction1 = 1 - std::pow(kBeta1, t_);
    const double correction2 = 1 - std::pow(kBeta2, t_);
    parameters -= learning_rate_ * (m_ / correction1) / ((v_ / correction2).sqrt() + kEpsilon);
  }

 private:
  Eigen::ArrayXd m_;
  Eigen::ArrayXd v_;
  double learning_rate_;
  int t_ = 0;
};

}  // namespace routelab
