// The closed form over arcs (spec §1): candidate(i, j) <=> pi_S[j] in A_S(i) and pi_T[i] in A_T(j).
// Row i's candidates lie both in J1 = pi_S^-1(A_S(i)) (s_i columns) and in J2 = the columns whose
// T arcs cover u = pi_T[i] (one per lap of the unrolled T line, about sum(t) / B of them). The
// kernel walks the smaller of the two and tests the other condition in O(1) per column.
#include <algorithm>
#include <vector>

#include "routers/phase/phase_kernels.hpp"

namespace routelab::phase {

namespace {

// Relative cost of one J2 step (an owner lookup in the lap buckets) against one J1 step (a
// sequential read of pi_S^-1 plus a lookup of a small arc table); measured in
// bench/phase_router_bench.cpp, where 2 balanced the two walks at 4096/512.
constexpr std::int64_t kLapStepCost = 2;
// Below this many estimated steps a parallel region costs more than it saves.
constexpr std::int64_t kParallelMinSteps = 1 << 15;
// Rows per scheduling chunk: rows differ in cost by up to E, so chunks are handed out dynamically.
constexpr int kRowsPerChunk = 64;

// Appends the columns of `arc` on the S ring (via pi_S^-1) whose T arc covers `u`.
std::int32_t walk_s_arc(const Arc arc, std::int32_t u, const std::int32_t* pi_s_inverse, const Arc* column_arcs,
                        std::int32_t ring_e, std::int32_t ring_b, std::int32_t* found) {
  std::int32_t count = 0;
  const std::int64_t end = static_cast<std::int64_t>(arc.offset) + arc.length;  // may pass the ring's end
  const auto first_end = static_cast<std::int32_t>(std::min<std::int64_t>(end, ring_e));
  auto walk = [&](std::int32_t from, std::int32_t to) {
    for (std::int32_t p = from; p < to; ++p) {
      const std::int32_t column = pi_s_inverse[p];
      found[count] = column;
      count += arc_contains(column_arcs[column], u, ring_b) ? 1 : 0;
    }
  };
  walk(arc.offset, first_end);
  walk(0, static_cast<std::int32_t>(end - first_end));  // the part that wrapped around the ring
  return count;
}

}  // namespace

void run_arc_kernel(const PhaseOperator& op, std::int64_t k, RouteTable out, PhaseTally& tally) {
  const std::int32_t rows = op.rows();
  const std::int32_t cols = op.cols();
  const Arc* row_arcs = op.row_arcs().data();
  const Arc* column_arcs = op.column_arcs().data();
  const std::int32_t* pi_s = op.pi_s().data();
  const std::int32_t* pi_s_inverse = op.pi_s_inverse().data();
  const std::int32_t* pi_t = op.pi_t().data();
  const std::int64_t sum_t = op.sum_t();
  const bool laps_sorted = !op.row_permutations();  // owners of successive laps increase with j
  const std::int64_t estimated_steps =
      std::min<std::int64_t>(op.sum_s(), kLapStepCost * (sum_t / std::max(1, rows) + 1) * rows) + rows;

#pragma omp parallel if (estimated_steps >= kParallelMinSteps)
  {
    PhaseRowWriter writer(cols, k, op.selection_stream());
    std::vector<std::int32_t> found(static_cast<std::size_t>(cols));
#pragma omp for schedule(dynamic, kRowsPerChunk)
    for (std::int32_t i = 0; i < rows; ++i) {
      const Arc arc = row_arcs[i];
      const std::int32_t u = pi_t[i];
      std::int32_t count = 0;
      bool sorted = false;
      if (arc.length <= kLapStepCost * op.laps_at(u)) {
        count = walk_s_arc(arc, u, pi_s_inverse, column_arcs, cols, rows, found.data());
      } else {
        for (std::int64_t x = u; x < sum_t; x += rows) {
          const std::int32_t column = op.owner_column(x);
          found[static_cast<std::size_t>(count)] = column;
          count += arc_contains(arc, pi_s[column], cols) ? 1 : 0;
        }
        sorted = laps_sorted;
      }
      if (!sorted) std::sort(found.begin(), found.begin() + count);
      writer.write_sorted(i, std::span<const std::int32_t>(found.data(), static_cast<std::size_t>(count)),
                          out.data + static_cast<std::int64_t>(i) * out.row_stride);
    }
#pragma omp critical(phase_tally)
    tally.absorb(writer);
  }
}

}  // namespace routelab::phase
