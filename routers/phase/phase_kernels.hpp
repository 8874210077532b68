#pragma once
// The three kernels behind one signature. Each writes, for every row i of the operator, k ids at
// out + i * row_stride (routes first, in canonical order, then -1 padding), and adds its counts to
// the tally. Their outputs are bit-identical (tests/routers/phase compare them).
#include <cstdint>
#include <vector>

#include "routers/phase/phase_dense_input.hpp"
#include "routers/phase/phase_operator.hpp"
#include "routers/phase/phase_row_writer.hpp"

namespace routelab::phase {

struct PhaseTally {
  std::int64_t active_routes = 0;
  std::int64_t candidates = 0;
  std::int64_t max_row_candidates = 0;
  std::vector<std::int64_t> column_load;

  explicit PhaseTally(std::int32_t cols) : column_load(static_cast<std::size_t>(cols), 0) {}
  // Integer sums only: the totals do not depend on which thread wrote which row.
  void absorb(const PhaseRowWriter& writer);
};

struct RouteTable {
  std::int32_t* data = nullptr;
  std::int64_t row_stride = 0;  // >= k
};

// Closed form over arcs: per row, walks the shorter of its S arc (s_i columns) and the T laps over
// pi_T[i] (about sum(t) / B columns). Memory O(B + E) beyond the table.
void run_arc_kernel(const PhaseOperator& op, std::int64_t k, RouteTable out, PhaseTally& tally);

// Word-parallel bit sets over S ring positions: S'_i is a run of words, T''_i is maintained while
// sweeping the T ring, O_i = their AND. Memory ceil(E / 64) words per thread; best for dense inputs.
void run_bitpacked_kernel(const PhaseOperator& op, std::int64_t k, RouteTable out, PhaseTally& tally);

// Builds S', T'' and O of spec §1 literally from the dense inputs (O(B * E) memory): the twin the
// fast kernels are tested against. `s` is B x E, `t` is E x B; the operator supplies the seed's
// permutations (its offsets and closed form are not used).
void run_reference_kernel(const BinaryMatrixView& s, const BinaryMatrixView& t, const PhaseOperator& op,
                          std::int64_t k, RouteTable out, PhaseTally& tally);

// The literal intermediate matrices (B x E each, one byte per entry), for tests and PBM dumps.
struct PhaseMatrices {
  std::int64_t rows = 0;
  std::int64_t cols = 0;
  std::vector<std::uint8_t> s_prime;         // S' (after rotation, column and row permutations)
  std::vector<std::uint8_t> t_double_prime;  // T'' = transpose of T'
  std::vector<std::uint8_t> intersection;    // O = S' AND T''
};
PhaseMatrices build_phase_matrices(const BinaryMatrixView& s, const BinaryMatrixView& t, const PhaseOperator& op);

}  // namespace routelab::phase
