// The closed form over arcs (spec §1): candidate(i, j) <=> pi_S[j] in A_S(i) and pi_T[i] in A_T(j).
// Row i's candidates lie both in J1 = pi_S^-1(A_S(i)) (s_i columns) and in J2 = the columns whose
// T arcs cover u = pi_T[i] (one per lap of the unrolled T line when the arcs tile the ring, about
// sum(t) / B of them in every layout). The
// kernel walks the cheaper of the two and tests the other condition in O(1) per column. The J1
// walk reads the T arcs stored by S ring position sequentially, eight positions per step, and meets
// the candidates in canonical order (along the S arc); J2 finds them by lap and sorts them by their
// offset along the arc.
#include <algorithm>
#include <bit>
#include <vector>

#include "routers/phase/phase_chunk_pool.hpp"
#include "routers/phase/phase_kernels.hpp"
#include "routers/phase/phase_table_fill.hpp"


#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace routelab::phase {

namespace {

// Relative cost of one J2 step (an owner lookup in the lap buckets, with its dependent loads)
// against one J1 position (sequential and vectorized); from bench/phase_router_bench.cpp.
constexpr std::int64_t kLapStepCost = 16;
// Rows per chunk: rows differ in cost by up to E, so chunks are claimed one at a time.
constexpr std::int32_t kRowsPerChunk = 64;
// Lists up to this long are sorted by insertion (J2 lists are as long as the laps, often short).
constexpr std::int32_t kInsertionSortLimit = 32;

struct PositionArcs {
  const std::int32_t* offset;  // T arc of the column at each S ring position
  const std::int32_t* length;
  const std::int32_t* column;  // pi_S^-1
};

// Appends the columns at S ring positions [from, to) whose T arc covers u.
std::int32_t scan_positions(const PositionArcs& arcs, std::int32_t from, std::int32_t to, std::int32_t u,
                            std::int32_t ring_b, std::int32_t* found, std::int32_t count) {
  std::int32_t p = from;
#if defined(__SSE2__)
  const __m128i target = _mm_set1_epi32(u);
  const __m128i ring = _mm_set1_epi32(ring_b);
  auto covers = [&](std::int32_t at) {
    const __m128i offset = _mm_loadu_si128(reinterpret_cast<const __m128i*>(arcs.offset + at));
    const __m128i length = _mm_loadu_si128(reinterpret_cast<const __m128i*>(arcs.length + at));
    __m128i distance = _mm_sub_epi32(target, offset);
    distance = _mm_add_epi32(distance, _mm_and_si128(_mm_srai_epi32(distance, 31), ring));
    return _mm_movemask_ps(_mm_castsi128_ps(_mm_cmplt_epi32(distance, length)));
  };
  for (; p + 8 <= to; p += 8) {
    for (unsigned mask = static_cast<unsigned>(covers(p) | (covers(p + 4) << 4)); mask != 0; mask &= mask - 1)
      found[count++] = arcs.column[p + std::countr_zero(mask)];
  }
#endif
  for (; p < to; ++p) {
    std::int32_t distance = u - arcs.offset[p];
    if (distance < 0) distance += ring_b;
    if (distance < arcs.length[p]) found[count++] = arcs.column[p];
  }
  return count;
}

void sort_offsets(std::int32_t* begin, std::int32_t count) {
  if (count > kInsertionSortLimit) {
    std::sort(begin, begin + count);
    return;
  }
  for (std::int32_t a = 1; a < count; ++a) {
    const std::int32_t value = begin[a];
    std::int32_t b = a;
    for (; b > 0 && begin[b - 1] > value; --b) begin[b] = begin[b - 1];
    begin[b] = value;
  }
}

}  // namespace

void run_arc_kernel(const PhaseOperator& op, std::int64_t k, RouteTable out, PhaseTally& tally) {
  const std::int32_t rows = op.rows();
  const std::int32_t cols = op.cols();
  const Arc* row_arcs = op.row_arcs().data();
  const PositionArcs position_arcs{op.position_t_offset().data(), op.position_t_length().data(),
                                   op.pi_s_inverse().data()};
  const std::int32_t* pi_s = op.pi_s().data();
  const std::int32_t* pi_t = op.pi_t().data();
  const std::int64_t sum_t = op.sum_t();
  // Positions walked, a few steps per row, and the padding (16 slots a step).
  const std::int64_t estimated_steps =
      std::min<std::int64_t>(op.sum_s(), kLapStepCost * (sum_t / std::max(1, rows) + 1) * rows) + rows * 8 + rows * k / 16;

  const bool streaming = static_cast<std::int64_t>(rows) * k * 4 >= kStreamingFillBytes;  // the -1 padding

  const int threads = threads_for_work(estimated_steps);

  struct alignas(64) Slot {  // its own cache lines: the writers' counters change every row
    PhaseRowWriter writer;
    std::vector<std::int32_t> found;
  };
  std::vector<Slot> slots;
  slots.reserve(static_cast<std::size_t>(threads));
  for (int s = 0; s < threads; ++s)
    slots.push_back(Slot{PhaseRowWriter(cols, k, op.selection_stream()), std::vector<std::int32_t>(static_cast<std::size_t>(cols))});

  auto route_rows = [&](std::int64_t chunk, int slot) {
    PhaseRowWriter& writer = slots[static_cast<std::size_t>(slot)].writer;
    std::vector<std::int32_t>& found = slots[static_cast<std::size_t>(slot)].found;
    const auto first = static_cast<std::int32_t>(chunk * kRowsPerChunk);
    const std::int32_t last = std::min<std::int32_t>(rows, first + kRowsPerChunk);
    for (std::int32_t i = first; i < last; ++i) {
      const Arc arc = row_arcs[i];
      const std::int32_t u = pi_t[i];
      std::int32_t count = 0;
      if (arc.length <= kLapStepCost * op.coverage_at(u)) {
        const std::int64_t end = static_cast<std::int64_t>(arc.offset) + arc.length;  // may pass the ring's end
        const auto first_end = static_cast<std::int32_t>(std::min<std::int64_t>(end, cols));
        count = scan_positions(position_arcs, arc.offset, first_end, u, rows, found.data(), 0);
        count = scan_positions(position_arcs, 0, static_cast<std::int32_t>(end - first_end), u, rows, found.data(), count);
      } else {
        // Offsets along the arc of the columns covering u (the lap owners when the arcs tile the
        // ring) that lie on it, sorted, then mapped to columns.
        op.for_each_covering_column(u, [&](std::int32_t column) {
          std::int32_t along = pi_s[column] - arc.offset;
          if (along < 0) along += cols;
          found[static_cast<std::size_t>(count)] = along;
          count += along < arc.length ? 1 : 0;
        });
        sort_offsets(found.data(), count);
        for (std::int32_t c = 0; c < count; ++c) {
          std::int64_t position = static_cast<std::int64_t>(arc.offset) + found[static_cast<std::size_t>(c)];
          if (position >= cols) position -= cols;
          found[static_cast<std::size_t>(c)] = position_arcs.column[position];
        }
      }
      std::int32_t* row = out.data + static_cast<std::int64_t>(i) * out.row_stride;
      pad_row(row, writer.keep_ordered(i, std::span<const std::int32_t>(found.data(), static_cast<std::size_t>(count)), row),
              k, streaming);
    }
    finish_streaming(streaming);
  };
  run_chunks((rows + kRowsPerChunk - 1) / kRowsPerChunk, threads, route_rows);
  for (const Slot& slot : slots) tally.absorb(slot.writer);
}

}  // namespace routelab::phase
