#include "routers/softmax_topk/softmax_gate.hpp"

namespace routelab {

void SoftmaxGate::logits(std::span<const float> embedding, std::span<double> out) const {
  const auto d = static_cast<std::size_t>(dim);
  for (std::size_t j = 0; j < static_cast<std::size_t>(experts); ++j) {
    double z = bias[j];
    const float* row = weights.data() + j * d;
    for (std::size_t i = 0; i < d; ++i) z += static_cast<double>(row[i]) * static_cast<double>(embedding[i]);
    out[j] = z;
  }
}

void SoftmaxGate::write(nlohmann::ordered_json& document) const {
  document["parameters"]["weights"] = weights;
  document["parameters"]["bias"] = bias;
}

SoftmaxGate SoftmaxGate::read(const ModelReader& reader, int experts) {
  SoftmaxGate gate;
  gate.experts = experts;
  gate.dim = reader.dim();
  gate.weights = reader.floats("weights", static_cast<std::size_t>(experts) * static_cast<std::size_t>(gate.dim));
  gate.bias = reader.floats("bias", static_cast<std::size_t>(experts));
  return gate;
}

}  // namespace routelab
