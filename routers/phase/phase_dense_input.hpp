#pragma once
// Dense 0/1 matrices as the published pack_and_route takes them (S: B x E, T: E x B, one byte per
// entry, rows contiguous), checked and reduced to row degrees: after step 1 of spec §1 (row
// alignment) only the degrees matter.
#include <cstdint>
#include <vector>

namespace routelab::phase {

struct BinaryMatrixView {
  const std::uint8_t* data = nullptr;
  std::int64_t rows = 0;
  std::int64_t cols = 0;
  std::int64_t row_stride = 0;  // bytes from one row to the next (>= cols)

  std::uint8_t at(std::int64_t row, std::int64_t col) const { return data[row * row_stride + col]; }
};

// Throws PhaseArgumentError naming S or T when the shapes are not B x E and E x B (B, E >= 1).
void check_phase_shapes(const BinaryMatrixView& s, const BinaryMatrixView& t);

// Row sums of a 0/1 matrix. Throws PhaseArgumentError naming `name` and the first entry (in
// row-major order) that is neither 0 nor 1. Bandwidth-bound: one pass, OpenMP over rows.
std::vector<std::int64_t> binary_row_degrees(const BinaryMatrixView& matrix, const char* name);

// A matrix whose row i holds degrees[i] ones at columns 0.. (an already aligned S or T).
std::vector<std::uint8_t> aligned_matrix_from_degrees(const std::vector<std::int64_t>& degrees, std::int64_t cols);

}  // namespace routelab::phase
