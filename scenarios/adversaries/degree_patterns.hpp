#pragma once
// Structured row-degree inputs against the phase router (shared/spec/phase-router.md). The phase
// router lays row i's arc of s_i ones on a ring of size N starting at phi_i = (sum_{r<i} s_r) mod N;
// only the degrees and their order matter. These generators produce degree sequences aligned with
// those offsets; the phase_structure adversary (phase_structure_adversary.hpp) writes them into its
// tokens' row degrees, and `routelab phase --degrees pattern:NAME` routes them directly:
//   sorted_ascending / sorted_descending  the published generator's degrees (uniform on [1, d_max]) sorted
//   alternating_extremes                  1, d_max, 1, d_max, ...
//   periodic                              every row N / period ones: offsets repeat every `period` rows
//                                         (period divides N), so rows i and i + period get identical arcs
//   identical_rows                        every row d_max ones
//   uniform_random                        the published generator's degrees, unsorted (the baseline)
#include <span>
#include <string_view>
#include <vector>

#include "core/rng_streams.hpp"

namespace routelab {

enum class DegreePattern { uniform_random, sorted_ascending, sorted_descending, alternating_extremes, periodic, identical_rows };

DegreePattern parse_degree_pattern(std::string_view name);  // throws ConfigError naming the choices
std::string_view to_string(DegreePattern pattern);

struct DegreePatternSpec {
  DegreePattern pattern = DegreePattern::uniform_random;
  int rows = 0;        // tokens in the batch
  int ring_size = 0;   // N: the number of experts for the S side
  int max_degree = 0;  // d_max <= ring_size
  int period = 0;      // periodic only: a divisor of ring_size with ring_size / period <= max_degree
};

// Draws from `rng` only for the patterns that start from random degrees. Throws ConfigError on a
// spec it cannot honour (period not dividing the ring, max_degree out of range, ...).
std::vector<int> make_degree_pattern(const DegreePatternSpec& spec, RngEngine& rng);

// phi_i = (sum_{r<i} s_r) mod ring_size (step 2 of the spec).
std::vector<int> phase_offsets(std::span<const int> degrees, int ring_size);

// Distinct (offset, degree) arcs among the rows: rows sharing an arc compete for the same columns.
int distinct_arcs(std::span<const int> degrees, int ring_size);

}  // namespace routelab
