#pragma once
// The degree vectors `routelab phase` routes, from its --degrees argument:
//   full             s_i = E, t_j = B (all-ones S and T)
//   uniform:LO..HI   every degree uniform on [LO, HI] (the published inputs are uniform:1..k),
//                    drawn with Boost.Random from streams named after the seed
//   pattern:NAME[:MAX[:PERIOD]]  s from scenarios/adversaries/degree_patterns.hpp (sorted_ascending,
//                    alternating_extremes, periodic with PERIOD dividing E, ...; MAX default E),
//                    t uniform on [1, MAX] as uniform:1..MAX draws it
//   file:PATH        a JSON object {"s": [B integers], "t": [E integers]}
#include <cstdint>
#include <string>
#include <vector>

namespace routelab::cli {

struct PhaseDegrees {
  std::vector<std::int64_t> s;  // B row degrees of S, each 0..E
  std::vector<std::int64_t> t;  // E row degrees of T, each 0..B
};

// Throws ConfigError naming --degrees (or the file and its field) on bad input, IoError when the
// file cannot be read.
PhaseDegrees make_phase_degrees(const std::string& spec, std::int64_t rows, std::int64_t cols, std::uint64_t seed);

}  // namespace routelab::cli
