#include "routers/learned_seed/learned_seed_model.hpp"

#include <cmath>

namespace routelab {

std::int32_t LearnedSeedModel::window(std::int32_t ring) const { return std::max(1, (ring + seeds - 1) / seeds); }

std::int32_t LearnedSeedModel::home(int seed, std::int32_t ring) const {
  const auto position = static_cast<std::int32_t>(std::floor(static_cast<double>(offsets[seed]) * ring));
  return std::clamp(position, 0, ring - 1);
}

int LearnedSeedModel::seed_of(std::span<const float> embedding) const {
  int best = 0;
  double top = 0;
  const auto d = static_cast<std::size_t>(dim);
  for (std::size_t m = 0; m < static_cast<std::size_t>(seeds); ++m) {
    double z = bias[m];
    for (std::size_t i = 0; i < d; ++i) z += static_cast<double>(projection[m * d + i]) * embedding[i];
    if (m == 0 || z > top) {
      top = z;
      best = static_cast<int>(m);
    }
  }
  return best;
}

void LearnedSeedModel::write(nlohmann::ordered_json& document) const {
  document["seeds"] = seeds;
  document["probe_limit"] = probe_limit;
  document["parameters"]["offsets"] = offsets;
  document["parameters"]["projection"] = projection;
  document["parameters"]["bias"] = bias;
}

LearnedSeedModel LearnedSeedModel::read(const ModelReader& reader) {
  LearnedSeedModel model;
  model.dim = reader.dim();
  model.seeds = reader.integer("seeds", 1, 1 << 16);
  model.probe_limit = reader.number("probe_limit", 0.0, 1e6);
  const auto m = static_cast<std::size_t>(model.seeds);
  model.offsets = reader.floats("offsets", m);
  for (std::size_t s = 0; s < m; ++s)
    if (!(model.offsets[s] >= 0.0F && model.offsets[s] < 1.0F))
      reader.fail("parameters.offsets[" + std::to_string(s) + "]", "expected a fraction of the ring in [0, 1)");
  model.projection = reader.floats("projection", m * static_cast<std::size_t>(model.dim));
  model.bias = reader.floats("bias", m);
  return model;
}

}  // namespace routelab
