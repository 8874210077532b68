#pragma once
// What a caller chooses (fan-out bound, seed, kernel) and what one routing call reports back.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace routelab::phase {

// Which kernel computes the routes. All produce bit-identical output; `automatic` picks the
// cheaper of `arcs` and `bitpacked` from the degrees (phase_kernel_choice.hpp). `reference` builds
// every matrix of spec §1 literally (O(B*E) memory and time): for tests and side-by-side baselines.
enum class PhaseKernel { automatic, reference, arcs, bitpacked };

std::string_view to_string(PhaseKernel kernel);
// Throws PhaseArgumentError naming `argument` for anything but auto|reference|arcs|bitpacked.
PhaseKernel parse_phase_kernel(std::string_view name, const std::string& argument);

// Where the T arcs go. Laid end to end (spec §1 step 2), the positions covered by one lap more
// (the first sum(t) mod B of the ring) belong to the same T rows for every seed: those columns
// share their tokens with one more column and end up with less load, batch after batch (issue 12).
struct CapacityArcLayout {
  // Lay the T rows in a seeded random order (stream capacity_order) rather than the given one;
  // every column keeps its own t_j. Fresh seeds put every column on every part of the ring alike.
  bool permuted_order = false;
  // Start the q-th arc of the line at floor(P_q B / sum(t)) (P_q: the lengths before it) instead
  // of P_q mod B: the surplus laps are spread so that every arc of equal length covers about the
  // same share of over-covered positions. Applied only when sum(t) > B and it keeps every
  // position's coverage at floor or ceil of sum(t) / B, as the tiling does (always so for equal
  // t_j) and its cover lists (sum(t) entries) stay within PhaseOperator::kMaxSpreadCovers; otherwise the arcs are
  // tiled end to end (spread_applied() says which).
  bool spread = false;
};

struct PhaseOptions {
  std::int64_t k = 1;                 // at most k routes per row (fan-out bound), k >= 1
  std::uint64_t seed = 0;             // any value, 0 included; never "use the clock"
  PhaseKernel kernel = PhaseKernel::automatic;
  bool row_permutations = false;      // spec §1 step 5 (off by default; anonymizes input order)
  CapacityArcLayout layout;           // the spec's tiling in the given order by default
};

struct PhaseStats {
  std::int64_t rows = 0;              // B (N for the square operator)
  std::int64_t cols = 0;              // E (N for the square operator)
  std::int64_t k = 0;
  std::int64_t active_routes = 0;     // slots holding a column id (not -1)
  double fill_ratio = 0;              // active_routes / (rows * k)
  double routes_per_row = 0;          // active_routes / rows
  std::int64_t candidates = 0;        // set bits of O before the fan-out bound
  std::int64_t max_row_candidates = 0;  // k at or above this does not bind
  std::int64_t column_max_load = 0;
  double column_mean_load = 0;        // active_routes / cols
  double column_max_over_mean = 0;    // 0 when nothing was routed
  PhaseKernel kernel = PhaseKernel::automatic;  // the kernel that ran
  double validate_ms = 0;             // dense inputs: checking 0/1 entries and counting degrees
  double setup_ms = 0;                // offsets, permutations, lookup tables
  double route_ms = 0;                // the kernel itself (candidates, choice, writing the table)
  double total_ms = 0;
};

// Routes of one call: rows x k ids, row-major, padded with -1; plus the per-column loads.
struct PhaseResult {
  std::vector<std::int32_t> routes;
  std::vector<std::int64_t> column_load;  // routes into each column
  PhaseStats stats;
};

}  // namespace routelab::phase
