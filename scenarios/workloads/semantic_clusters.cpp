#include "scenarios/workloads/semantic_clusters.hpp"

#include <boost/random/normal_distribution.hpp>
#include <cmath>

#include "scenarios/workloads/uniform_keys.hpp"

namespace routelab {

std::vector<float> class_centres(const SemanticSpec& spec, std::uint64_t master_seed) {
  RngEngine rng = make_stream(master_seed, 0, "workload/class-centres");
  boost::random::normal_distribution<double> normal(0.0, 1.0);
  const auto dim = static_cast<std::size_t>(spec.dim);
  std::vector<float> centres(static_cast<std::size_t>(spec.classes) * dim);
  std::vector<double> centre(dim);
  for (int c = 0; c < spec.classes; ++c) {
    double norm2 = 0;
    for (double& x : centre) {
      x = normal(rng);
      norm2 += x * x;
    }
    const double norm = norm2 > 0 ? std::sqrt(norm2) : 1.0;
    for (std::size_t d = 0; d < dim; ++d) centres[static_cast<std::size_t>(c) * dim + d] = static_cast<float>(centre[d] / norm);
  }
  return centres;
}

SemanticClusters::SemanticClusters(const WorkloadSpec& spec, std::uint64_t master_seed)
    : dim_(spec.semantic.dim),
      spread_(spec.semantic.spread),
      centres_(class_centres(spec.semantic, master_seed)),
      class_popularity_(static_cast<std::uint64_t>(spec.semantic.classes), spec.semantic.class_zipf_s),
      keys_per_class_(spec.vocabulary / static_cast<std::uint64_t>(spec.semantic.classes)) {
  if (spec.keys == KeyDistribution::zipf) {
    key_within_class_ = std::make_unique<ZipfKeys>(keys_per_class_, spec.zipf_s);
  } else {
    key_within_class_ = std::make_unique<UniformKeys>(keys_per_class_);
  }
}

void SemanticClusters::draw(RngEngine& rng, Token& token, std::span<float> embedding) {
  const auto cls = class_popularity_.draw(rng);
  token.token_class = static_cast<std::int32_t>(cls);
  token.key = cls * keys_per_class_ + key_within_class_->draw(rng);
  boost::random::normal_distribution<double> noise(0.0, spread_);
  const float* centre = centres_.data() + cls * static_cast<std::uint64_t>(dim_);
  for (int d = 0; d < dim_; ++d) embedding[d] = static_cast<float>(centre[d] + (spread_ > 0 ? noise(rng) : 0.0));
}

}  // namespace routelab
