#include "routers/phase/phase_dense_input.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "routers/phase/phase_chunk_pool.hpp"
#include "routers/phase/phase_errors.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace routelab::phase {

namespace {

// Rows shorter than this are summed by the scalar loop alone (the vector setup does not pay).
constexpr std::int64_t kVectorMinCols = 64;
// Bytes of matrix summed per chunk (a few microseconds), and per step of about 5 ns for the
// thread count (the vector loop reads about 16 bytes a nanosecond from memory).
constexpr std::int64_t kChunkBytes = std::int64_t{1} << 16;
constexpr std::int64_t kBytesPerStep = 64;

struct RowSummary {
  std::int64_t ones = 0;
  std::uint8_t any_bits = 0;  // OR of every byte: any bit above bit 0 means an entry > 1
};

RowSummary summarize_row(const std::uint8_t* row, std::int64_t cols) {
  RowSummary summary;
  std::int64_t c = 0;
#if defined(__SSE2__)
  if (cols >= kVectorMinCols) {
    // psadbw sums 8 bytes into one 64-bit lane: one instruction per 16 entries, no overflow.
    const __m128i zero = _mm_setzero_si128();
    __m128i sums0 = zero, sums1 = zero, bits0 = zero, bits1 = zero;
    for (; c + 32 <= cols; c += 32) {
      const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + c));
      const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + c + 16));
      sums0 = _mm_add_epi64(sums0, _mm_sad_epu8(a, zero));
      sums1 = _mm_add_epi64(sums1, _mm_sad_epu8(b, zero));
      bits0 = _mm_or_si128(bits0, a);
      bits1 = _mm_or_si128(bits1, b);
    }
    const __m128i sums = _mm_add_epi64(sums0, sums1);
    const __m128i bits = _mm_or_si128(bits0, bits1);
    alignas(16) std::uint64_t lanes[2];
    alignas(16) std::uint8_t bytes[16];
    _mm_store_si128(reinterpret_cast<__m128i*>(lanes), sums);
    _mm_store_si128(reinterpret_cast<__m128i*>(bytes), bits);
    summary.ones = static_cast<std::int64_t>(lanes[0] + lanes[1]);
    for (const std::uint8_t byte : bytes) summary.any_bits = static_cast<std::uint8_t>(summary.any_bits | byte);
  }
#endif
  for (; c < cols; ++c) {
    summary.ones += row[c];
    summary.any_bits = static_cast<std::uint8_t>(summary.any_bits | row[c]);
  }
  return summary;
}

}  // namespace

void check_phase_shapes(const BinaryMatrixView& s, const BinaryMatrixView& t) {
  if (s.data == nullptr || s.rows < 1 || s.cols < 1)
    throw PhaseArgumentError("S", "expected a matrix with at least one row and one column");
  if (t.data == nullptr || t.rows < 1 || t.cols < 1)
    throw PhaseArgumentError("T", "expected a matrix with at least one row and one column");
  if (t.rows != s.cols || t.cols != s.rows)
    throw PhaseArgumentError("T", "expected shape (" + std::to_string(s.cols) + ", " + std::to_string(s.rows) +
                                      ") = (columns of S, rows of S), got (" + std::to_string(t.rows) + ", " +
                                      std::to_string(t.cols) + ")");
  for (const auto* m : {&s, &t})
    if (m->row_stride < m->cols)
      throw PhaseArgumentError(m == &s ? "S" : "T", "row stride " + std::to_string(m->row_stride) +
                                                        " is smaller than the row length " + std::to_string(m->cols));
}

std::vector<std::int64_t> binary_row_degrees(const BinaryMatrixView& matrix, const char* name) {
  std::vector<std::int64_t> degrees(static_cast<std::size_t>(matrix.rows));
  const std::int64_t rows_per_chunk = std::max<std::int64_t>(1, kChunkBytes / matrix.cols);
  const std::int64_t chunks = (matrix.rows + rows_per_chunk - 1) / rows_per_chunk;
  // The first bad row of each chunk; the first over all chunks is reported, on any thread count.
  std::vector<std::int64_t> first_bad(static_cast<std::size_t>(chunks), std::numeric_limits<std::int64_t>::max());
  auto summarize = [&](std::int64_t chunk, int) {
    const std::int64_t last = std::min(matrix.rows, (chunk + 1) * rows_per_chunk);
    for (std::int64_t i = chunk * rows_per_chunk; i < last; ++i) {
      const RowSummary summary = summarize_row(matrix.data + i * matrix.row_stride, matrix.cols);
      degrees[static_cast<std::size_t>(i)] = summary.ones;
      if ((summary.any_bits & 0xFE) != 0 && first_bad[static_cast<std::size_t>(chunk)] > i)
        first_bad[static_cast<std::size_t>(chunk)] = i;
    }
  };
  run_chunks(chunks, threads_for_work(matrix.rows * matrix.cols / kBytesPerStep), summarize);
  const std::int64_t first_bad_row = *std::min_element(first_bad.begin(), first_bad.end());
  if (first_bad_row != std::numeric_limits<std::int64_t>::max()) {
    for (std::int64_t c = 0; c < matrix.cols; ++c) {
      const std::uint8_t value = matrix.at(first_bad_row, c);
      if (value > 1)
        throw PhaseArgumentError(name, "entry (" + std::to_string(first_bad_row) + ", " + std::to_string(c) + ") is " +
                                           std::to_string(value) + "; expected 0 or 1");
    }
  }
  return degrees;
}

std::vector<std::uint8_t> aligned_matrix_from_degrees(const std::vector<std::int64_t>& degrees, std::int64_t cols) {
  std::vector<std::uint8_t> matrix(degrees.size() * static_cast<std::size_t>(cols), 0);
  for (std::size_t i = 0; i < degrees.size(); ++i)
    std::fill_n(matrix.begin() + static_cast<std::ptrdiff_t>(i * static_cast<std::size_t>(cols)),
                std::clamp<std::int64_t>(degrees[i], 0, cols), std::uint8_t{1});
  return matrix;
}

}  // namespace routelab::phase
