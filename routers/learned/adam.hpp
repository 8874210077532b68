#pragma once
// Adam (Kingma & Ba 2015) over a model's parameter blocks (e.g. weights and bias), each kept in
// its own vector. Plain sequential arithmetic, so a fixed seed and data order give bit-identical
// parameters on every run and thread count.
#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <vector>

namespace routelab {

class Adam {
 public:
  // Defaults from the paper; they suit every learned router here.
  static constexpr double kBeta1 = 0.9;
  static constexpr double kBeta2 = 0.999;
  static constexpr double kEpsilon = 1e-8;

  Adam(std::size_t size, double learning_rate) : m_(size, 0.0), v_(size, 0.0), learning_rate_(learning_rate) {}

  struct Block {
    std::vector<double>& parameters;
    const std::vector<double>& gradient;
  };

  // One step over the blocks, in order; their sizes add up to the size given at construction.
  void step(std::initializer_list<Block> blocks) {
    ++t_;
    const double correction1 = 1 - std::pow(kBeta1, t_);
    const double correction2 = 1 - std::pow(kBeta2, t_);
    std::size_t slot = 0;
    for (const Block& block : blocks) {
      for (std::size_t i = 0; i < block.parameters.size(); ++i, ++slot) {
        const double g = block.gradient[i];
        m_[slot] = kBeta1 * m_[slot] + (1 - kBeta1) * g;
        v_[slot] = kBeta2 * v_[slot] + (1 - kBeta2) * (g * g);
        block.parameters[i] -= learning_rate_ * (m_[slot] / correction1) / (std::sqrt(v_[slot] / correction2) + kEpsilon);
      }
    }
  }

 private:
  std::vector<double> m_;
  std::vector<double> v_;
  double learning_rate_;
  int t_ = 0;
};

}  // namespace routelab
