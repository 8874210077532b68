// The literal pipeline of spec §1, one step per loop, one byte per matrix entry. Deliberately
// naive: it must be obviously right, not fast.
#include <vector>

#include "routers/phase/phase_kernels.hpp"

namespace routelab::phase {

namespace {

using Matrix = std::vector<std::uint8_t>;  // row-major

// Steps 1-5 for one side: align, offset, rotate, gather columns, optionally reorder rows.
Matrix prepare_side(const BinaryMatrixView& m, std::span<const std::int32_t> column_permutation,
                    std::span<const std::int32_t> row_permutation) {
  const auto rows = static_cast<std::size_t>(m.rows);
  const auto ring = static_cast<std::size_t>(m.cols);
  // Step 1: row alignment (the ones move to columns 0..deg-1).
  Matrix aligned(rows * ring, 0);
  std::vector<std::size_t> degree(rows, 0);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t c = 0; c < ring; ++c) degree[i] += m.at(static_cast<std::int64_t>(i), static_cast<std::int64_t>(c));
    for (std::size_t c = 0; c < degree[i]; ++c) aligned[i * ring + c] = 1;
  }
  // Step 2: phase offsets in the original row order.
  std::vector<std::size_t> phase(rows, 0);
  for (std::size_t i = 1; i < rows; ++i) phase[i] = (phase[i - 1] + degree[i - 1]) % ring;
  // Step 3: cyclic rotation of row i by its offset toward higher column indices.
  Matrix rotated(rows * ring, 0);
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t c = 0; c < ring; ++c) rotated[i * ring + (c + phase[i]) % ring] = aligned[i * ring + c];
  // Step 4: column permutation as a gather.
  Matrix gathered(rows * ring, 0);
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < ring; ++j)
      gathered[i * ring + j] = rotated[i * ring + static_cast<std::size_t>(column_permutation[j])];
  // Step 5: optional row permutation.
  if (row_permutation.empty()) return gathered;
  Matrix reordered(rows * ring, 0);
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < ring; ++j)
      reordered[i * ring + j] = gathered[static_cast<std::size_t>(row_permutation[i]) * ring + j];
  return reordered;
}

}  // namespace

PhaseMatrices build_phase_matrices(const BinaryMatrixView& s, const BinaryMatrixView& t, const PhaseOperator& op) {
  const auto rows = static_cast<std::size_t>(s.rows);
  const auto cols = static_cast<std::size_t>(s.cols);
  PhaseMatrices matrices;
  matrices.rows = s.rows;
  matrices.cols = s.cols;
  matrices.s_prime = prepare_side(s, op.pi_s(), op.rho_s());           // B x E
  const Matrix t_prime = prepare_side(t, op.pi_t(), op.rho_t());       // E x B
  // Step 6: transpose T'.
  matrices.t_double_prime.assign(rows * cols, 0);
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j) matrices.t_double_prime[i * cols + j] = t_prime[j * rows + i];
  // Step 7: intersection.
  matrices.intersection.assign(rows * cols, 0);
  for (std::size_t x = 0; x < rows * cols; ++x)
    matrices.intersection[x] = static_cast<std::uint8_t>(matrices.s_prime[x] & matrices.t_double_prime[x]);
  return matrices;
}

void run_reference_kernel(const BinaryMatrixView& s, const BinaryMatrixView& t, const PhaseOperator& op,
                          std::int64_t k, RouteTable out, PhaseTally& tally) {
  const PhaseMatrices matrices = build_phase_matrices(s, t, op);
  const auto cols = static_cast<std::size_t>(matrices.cols);
  // Step 8: the candidates of row i are the set bits of O's row, in increasing column order.
  PhaseRowWriter writer(static_cast<std::int32_t>(cols), k, op.selection_stream());
  std::vector<std::int32_t> candidates;
  for (std::int64_t i = 0; i < matrices.rows; ++i) {
    candidates.clear();
    for (std::size_t j = 0; j < cols; ++j)
      if (matrices.intersection[static_cast<std::size_t>(i) * cols + j]) candidates.push_back(static_cast<std::int32_t>(j));
    writer.write_sorted(static_cast<std::int32_t>(i), candidates, out.data + i * out.row_stride);
  }
  tally.absorb(writer);
}

}  // namespace routelab::phase
