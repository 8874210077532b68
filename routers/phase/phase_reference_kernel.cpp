// The literal pipeline of spec §1, one step per loop, one entry per matrix cell. Deliberately
// naive: it must be obviously right, not fast. Each cell carries the column of the aligned row it
// came from (-1 for a zero), so step 8 can list a row's candidates in the canonical order (by that
// column, see phase_row_writer.hpp) without any closed form.
#include <algorithm>
#include <vector>

#include "routers/phase/phase_kernels.hpp"

namespace routelab::phase {

namespace {

using Origins = std::vector<std::int32_t>;  // row-major; aligned column of each one, -1 for zeros

// Steps 1-5 for one side: align, offset, rotate, gather columns, optionally reorder rows.
// `offsets`: empty for step 2's prefix sums in row order, else each row's offset (the T side under
// another CapacityArcLayout: the layout only moves the arcs, every later step is unchanged).
Origins prepare_side(const BinaryMatrixView& m, std::span<const std::int32_t> column_permutation,
                     std::span<const std::int32_t> row_permutation, std::span<const std::int32_t> offsets = {}) {
  const auto rows = static_cast<std::size_t>(m.rows);
  const auto ring = static_cast<std::size_t>(m.cols);
  // Step 1: row alignment (the ones move to columns 0..deg-1).
  Origins aligned(rows * ring, -1);
  std::vector<std::size_t> degree(rows, 0);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t c = 0; c < ring; ++c) degree[i] += m.at(static_cast<std::int64_t>(i), static_cast<std::int64_t>(c));
    for (std::size_t c = 0; c < degree[i]; ++c) aligned[i * ring + c] = static_cast<std::int32_t>(c);
  }
  // Step 2: phase offsets in the original row order.
  std::vector<std::size_t> phase(rows, 0);
  for (std::size_t i = 1; i < rows; ++i) phase[i] = (phase[i - 1] + degree[i - 1]) % ring;
  if (!offsets.empty()) phase.assign(offsets.begin(), offsets.end());
  // Step 3: cyclic rotation of row i by its offset toward higher column indices.
  Origins rotated(rows * ring, -1);
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t c = 0; c < ring; ++c) rotated[i * ring + (c + phase[i]) % ring] = aligned[i * ring + c];
  // Step 4: column permutation as a gather.
  Origins gathered(rows * ring, -1);
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < ring; ++j)
      gathered[i * ring + j] = rotated[i * ring + static_cast<std::size_t>(column_permutation[j])];
  // Step 5: optional row permutation.
  if (row_permutation.empty()) return gathered;
  Origins reordered(rows * ring, -1);
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < ring; ++j)
      reordered[i * ring + j] = gathered[static_cast<std::size_t>(row_permutation[i]) * ring + j];
  return reordered;
}

struct LiteralPipeline {
  PhaseMatrices matrices;
  Origins s_origins;  // S' with the aligned column of each one
};

LiteralPipeline run_pipeline(const BinaryMatrixView& s, const BinaryMatrixView& t, const PhaseOperator& op) {
  const auto rows = static_cast<std::size_t>(s.rows);
  const auto cols = static_cast<std::size_t>(s.cols);
  LiteralPipeline pipeline;
  PhaseMatrices& matrices = pipeline.matrices;
  matrices.rows = s.rows;
  matrices.cols = s.cols;
  pipeline.s_origins = prepare_side(s, op.pi_s(), op.rho_s());     // B x E
  // The tiling in row order is recomputed here; only another layout's offsets come from the operator.
  const bool tiled_in_order = !op.layout().permuted_order && !op.spread_applied();
  const Origins t_prime = prepare_side(t, op.pi_t(), op.rho_t(),
                                       tiled_in_order ? std::span<const std::int32_t>{} : op.t_row_offsets());  // E x B
  matrices.s_prime.assign(rows * cols, 0);
  for (std::size_t x = 0; x < rows * cols; ++x) matrices.s_prime[x] = pipeline.s_origins[x] >= 0 ? 1 : 0;
  // Step 6: transpose T'.
  matrices.t_double_prime.assign(rows * cols, 0);
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j) matrices.t_double_prime[i * cols + j] = t_prime[j * rows + i] >= 0 ? 1 : 0;
  // Step 7: intersection.
  matrices.intersection.assign(rows * cols, 0);
  for (std::size_t x = 0; x < rows * cols; ++x)
    matrices.intersection[x] = static_cast<std::uint8_t>(matrices.s_prime[x] & matrices.t_double_prime[x]);
  return pipeline;
}

}  // namespace

PhaseMatrices build_phase_matrices(const BinaryMatrixView& s, const BinaryMatrixView& t, const PhaseOperator& op) {
  return run_pipeline(s, t, op).matrices;
}

void run_reference_kernel(const BinaryMatrixView& s, const BinaryMatrixView& t, const PhaseOperator& op,
                          std::int64_t k, RouteTable out, PhaseTally& tally) {
  const LiteralPipeline pipeline = run_pipeline(s, t, op);
  const auto cols = static_cast<std::size_t>(pipeline.matrices.cols);
  // Step 8: the candidates of row i are the set bits of O's row, in canonical order.
  PhaseRowWriter writer(static_cast<std::int32_t>(cols), k, op.selection_stream());
  std::vector<std::pair<std::int32_t, std::int32_t>> by_origin;  // (aligned column, column)
  std::vector<std::int32_t> candidates;
  for (std::int64_t i = 0; i < pipeline.matrices.rows; ++i) {
    by_origin.clear();
    for (std::size_t j = 0; j < cols; ++j) {
      const std::size_t cell = static_cast<std::size_t>(i) * cols + j;
      if (pipeline.matrices.intersection[cell])
        by_origin.emplace_back(pipeline.s_origins[cell], static_cast<std::int32_t>(j));
    }
    std::sort(by_origin.begin(), by_origin.end());
    candidates.clear();
    for (const auto& [origin, column] : by_origin) candidates.push_back(column);
    writer.write_ordered(static_cast<std::int32_t>(i), candidates, out.data + i * out.row_stride);
  }
  tally.absorb(writer);
}

}  // namespace routelab::phase
