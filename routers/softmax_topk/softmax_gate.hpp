#pragma once
// The softmax gate's parameters and its forward pass: logits z = W x + b, one per expert.
#include <span>
#include <string>
#include <vector>

#include "routers/learned/model_file.hpp"

namespace routelab {

struct SoftmaxGate {
  int experts = 0;
  int dim = 0;
  std::vector<float> weights;  // experts x dim, row-major
  std::vector<float> bias;     // experts

  // z_j = b_j + sum_i W_ji x_i, accumulated in double in a fixed order.
  void logits(std::span<const float> embedding, std::span<double> out) const;

  void write(nlohmann::ordered_json& document) const;  // into document["parameters"]
  static SoftmaxGate read(const ModelReader& reader, int experts);
};

}  // namespace routelab
