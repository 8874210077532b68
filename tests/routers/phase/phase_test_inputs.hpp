#pragma once
// Inputs shared by the phase router tests: degree vectors (random and structured) and dense 0/1
// matrices with ones at random positions, all from the project's seeded generators.
#include <boost/random/uniform_int_distribution.hpp>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "core/rng_streams.hpp"
#include "routers/phase/phase_dense_input.hpp"
#include "routers/phase/phase_rng.hpp"

namespace routelab::phase::testing {

inline std::vector<std::int64_t> uniform_degrees(std::int64_t count, std::int64_t low, std::int64_t high,
                                                 std::uint64_t seed) {
  RngEngine rng(seed);
  boost::random::uniform_int_distribution<std::int64_t> draw(low, high);
  std::vector<std::int64_t> degrees(static_cast<std::size_t>(count));
  for (auto& d : degrees) d = draw(rng);
  return degrees;
}

inline std::vector<std::int64_t> constant_degrees(std::int64_t count, std::int64_t value) {
  return std::vector<std::int64_t>(static_cast<std::size_t>(count), value);
}

// Named structured degree patterns for `count` rows on a ring of `ring` positions.
inline std::vector<std::pair<std::string, std::vector<std::int64_t>>> structured_degrees(std::int64_t count,
                                                                                         std::int64_t ring) {
  std::vector<std::pair<std::string, std::vector<std::int64_t>>> patterns;
  patterns.emplace_back("full", constant_degrees(count, ring));
  patterns.emplace_back("empty", constant_degrees(count, 0));
  patterns.emplace_back("one", constant_degrees(count, 1));
  std::vector<std::int64_t> alternating(static_cast<std::size_t>(count)), staircase(static_cast<std::size_t>(count)),
      single(static_cast<std::size_t>(count), 0);
  for (std::int64_t i = 0; i < count; ++i) {
    alternating[static_cast<std::size_t>(i)] = i % 2 == 0 ? ring : 0;
    staircase[static_cast<std::size_t>(i)] = (i * 7 + 3) % (ring + 1);
  }
  single[static_cast<std::size_t>(count / 2)] = ring;
  patterns.emplace_back("alternating", alternating);
  patterns.emplace_back("staircase", staircase);
  patterns.emplace_back("single", single);
  return patterns;
}

// A rows x cols 0/1 matrix whose row i has degrees[i] ones at random distinct positions.
inline std::vector<std::uint8_t> scattered_matrix(const std::vector<std::int64_t>& degrees, std::int64_t cols,
                                                  std::uint64_t seed) {
  std::vector<std::uint8_t> matrix(degrees.size() * static_cast<std::size_t>(cols), 0);
  for (std::size_t i = 0; i < degrees.size(); ++i) {
    const auto order = make_permutation(cols, mix64(seed + i));
    for (std::int64_t c = 0; c < degrees[i]; ++c)
      matrix[i * static_cast<std::size_t>(cols) + static_cast<std::size_t>(order[static_cast<std::size_t>(c)])] = 1;
  }
  return matrix;
}

inline BinaryMatrixView view(const std::vector<std::uint8_t>& matrix, std::int64_t rows, std::int64_t cols) {
  return BinaryMatrixView{matrix.data(), rows, cols, cols};
}

}  // namespace routelab::phase::testing
