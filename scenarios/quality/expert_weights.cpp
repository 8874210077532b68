#include "scenarios/quality/expert_weights.hpp"

#include <boost/random/normal_distribution.hpp>
#include <cmath>

#include "core/rng_streams.hpp"

namespace routelab {

std::vector<float> synthetic_expert_weights(const QualityModel& model, const ExpertWeightSpec& spec,
                                            std::uint64_t master_seed) {
  const auto& centres = model.space().centres;
  double sum_sq = 0;
  for (float c : centres) sum_sq += static_cast<double>(c) * c;
  const double rms = centres.empty() ? 1.0 : std::sqrt(sum_sq / static_cast<double>(centres.size()));
  RngEngine rng = make_stream(master_seed, 0, "experts/weights");
  boost::random::normal_distribution<double> noise(0.0, spec.relative_noise * (rms > 0 ? rms : 1.0));
  const auto dim = static_cast<std::size_t>(model.dim());
  std::vector<float> weights;
  weights.reserve(static_cast<std::size_t>(model.num_experts()) * static_cast<std::size_t>(spec.rows) * dim);
  for (ExpertId e = 0; e < model.num_experts(); ++e) {
    const auto centre = model.space().centre(model.specialty(e));
    for (int r = 0; r < spec.rows; ++r)
      for (std::size_t i = 0; i < dim; ++i) weights.push_back(static_cast<float>(centre[i] + noise(rng)));
  }
  return weights;
}

}  // namespace routelab
