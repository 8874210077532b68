#pragma once
// Zipf keys: key r (0-based rank) has probability (r + 1)^-s / H(V, s). Real text sits near
// s = 1 over a BPE vocabulary; s = 0.6 is mild, s = 1.4 makes a few keys dominate. s = 0 is uniform.
#include <vector>

#include "scenarios/workloads/key_sampler.hpp"

namespace routelab {

class ZipfKeys : public KeySampler {
 public:
  ZipfKeys(std::uint64_t vocabulary, double exponent);  // vocabulary >= 1, exponent >= 0
  std::uint64_t draw(RngEngine& rng) override;
  void draw_many(RngEngine& rng, std::span<std::uint64_t> out) override;
  double probability(std::uint64_t rank) const;  // exact, for tests and reports

 private:
  std::size_t slice_of(double u) const;
  std::uint64_t rank_of(double u, std::size_t slice) const;

  std::vector<double> cdf_;  // cumulative probabilities of ranks 0..V-1 (one inversion per draw)
  std::vector<std::size_t> guide_;  // V + 1 entries: where each 1/V-wide slice of [0, 1] starts
};

}  // namespace routelab
