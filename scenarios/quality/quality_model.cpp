#include "scenarios/quality/quality_model.hpp"

#include <algorithm>
#include <string>

#include "core/errors.hpp"

namespace routelab {

namespace {
double squared_distance(std::span<const float> a, std::span<const float> b) {
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double diff = static_cast<double>(a[i]) - static_cast<double>(b[i]);
    sum += diff * diff;
  }
  return sum;
}
}  // namespace

QualityModel::QualityModel(SemanticSpace space, int num_experts)
    : space_(std::move(space)), num_experts_(num_experts), specialties_(0), normalizer_(1) {
  if (space_.dim < 1 || space_.classes < 1)
    throw ConfigError("quality", "needs at least one class and one embedding dimension");
  if (space_.centres.size() != static_cast<std::size_t>(space_.classes) * static_cast<std::size_t>(space_.dim))
    throw ConfigError("quality", "expected " + std::to_string(space_.classes) + " x " + std::to_string(space_.dim) +
                                     " centre coordinates");
  if (num_experts_ < 1) throw ConfigError("experts.count", "expected at least 1 expert");
  specialties_ = std::min(space_.classes, num_experts_);
  normalizer_ = static_cast<double>(space_.dim);
  if (specialties_ >= 2) {
    double sum = 0;
    for (int a = 0; a < specialties_; ++a)
      for (int b = a + 1; b < specialties_; ++b) sum += squared_distance(space_.centre(a), space_.centre(b));
    const double mean = sum / (0.5 * specialties_ * (specialties_ - 1));
    if (mean > 0) normalizer_ = mean;
  }
}

void QualityModel::specialty_losses(std::span<const float> embedding, std::span<double> out) const {
  for (int s = 0; s < specialties_; ++s) out[s] = squared_distance(embedding, space_.centre(s)) / normalizer_;
}

double QualityModel::expert_loss(std::span<const float> embedding, ExpertId expert) const {
  return squared_distance(embedding, space_.centre(specialty(expert))) / normalizer_;
}

void QualityModel::expert_losses(std::span<const float> embedding, std::span<float> out) const {
  std::vector<double> by_specialty(static_cast<std::size_t>(specialties_));
  specialty_losses(embedding, by_specialty);
  for (int e = 0; e < num_experts_; ++e) out[e] = static_cast<float>(by_specialty[specialty(e)]);
}

int argmin(std::span<const double> values) {
  return static_cast<int>(std::min_element(values.begin(), values.end()) - values.begin());
}

}  // namespace routelab
