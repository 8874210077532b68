#pragma once
// learned_seed's parameters: a table of M seeds and the projection that picks one per token.
// Seed m is a rotation offset of the phase router's token ring (offsets[m], a fraction of the
// ring, so one model serves every batch size) together with its own permutation stream (derived
// from the router seed and m), which orders the seed's tokens. A token takes the seed with the
// largest projection logit (lowest index on ties): deterministic at inference.
#include <span>
#include <vector>

#include "routers/learned/model_file.hpp"

namespace routelab {

struct LearnedSeedModel {
  int seeds = 0;
  int dim = 0;
  double probe_limit = 1.0;       // a seed's tokens may reach (1 + probe_limit) windows from its home
  std::vector<float> offsets;     // seeds: home of each seed on the ring, in [0, 1)
  std::vector<float> projection;  // seeds x dim, row-major
  std::vector<float> bias;        // seeds

  // Ring positions per seed window for a batch of `ring` tokens: ceil(ring / seeds).
  std::int32_t window(std::int32_t ring) const;
  std::int32_t home(int seed, std::int32_t ring) const;  // floor(offset * ring)
  int seed_of(std::span<const float> embedding) const;

  void write(nlohmann::ordered_json& document) const;
  static LearnedSeedModel read(const ModelReader& reader);
};

}  // namespace routelab
