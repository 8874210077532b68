// Word-parallel bit sets for dense inputs. Row i's S' row is the set of columns j with pi_S[j] on
// the arc A_S(i): with prefix sets C_p = {j : pi_S[j] < p}, an arc [a, a + s) is C_{a+s} XOR C_a
// (three sets when it wraps). Row i's T'' row is the set of columns whose T arcs cover u = pi_T[i];
// it changes only where a T arc starts or ends, so each thread sweeps its share of the T ring in
// order and toggles those bits, visiting row pi_T^-1[u] at position u. O = S' AND T'', word by word.
#include <algorithm>
#include <bit>
#include <vector>

#include "routers/phase/phase_kernels.hpp"

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace routelab::phase {

namespace {

// Below this many words of work a parallel region costs more than it saves.
constexpr std::int64_t kParallelMinWords = 1 << 14;

std::int64_t words_for(std::int64_t bits) { return (bits + 63) / 64; }

// C_0 .. C_E, each ceil(E / 64) words. Threads fill disjoint ranges of p, each starting from a
// directly computed C_p, so the table is the same whatever the thread count.
std::vector<std::uint64_t> build_prefix_sets(const PhaseOperator& op, std::int64_t words) {
  const std::int64_t cols = op.cols();
  const std::int32_t* pi_s_inverse = op.pi_s_inverse().data();
  std::vector<std::uint64_t> prefix(static_cast<std::size_t>((cols + 1) * words), 0);
#pragma omp parallel if ((cols + 1) * words >= kParallelMinWords)
  {
    int threads = 1, thread = 0;
#if defined(_OPENMP)
    threads = omp_get_num_threads();
    thread = omp_get_thread_num();
#endif
    const std::int64_t begin = (cols + 1) * thread / threads;
    const std::int64_t end = (cols + 1) * (thread + 1) / threads;
    if (begin < end) {
      std::uint64_t* row = prefix.data() + begin * words;
      for (std::int64_t q = 0; q < begin; ++q) row[pi_s_inverse[q] / 64] |= std::uint64_t{1} << (pi_s_inverse[q] % 64);
      for (std::int64_t p = begin + 1; p < end; ++p) {
        std::uint64_t* next = row + words;
        std::copy(row, row + words, next);
        next[pi_s_inverse[p - 1] / 64] |= std::uint64_t{1} << (pi_s_inverse[p - 1] % 64);
        row = next;
      }
    }
  }
  return prefix;
}

// Where T arcs start or end on the T ring: toggles[begin[u] .. begin[u + 1]) are the columns whose
// membership changes on arriving at u. Full (length B) and empty arcs never change.
struct RingToggles {
  std::vector<std::int64_t> begin;
  std::vector<std::int32_t> columns;
};

RingToggles build_toggles(const PhaseOperator& op) {
  const std::int32_t ring = op.rows();
  const auto arcs = op.column_arcs();
  RingToggles toggles;
  toggles.begin.assign(static_cast<std::size_t>(ring) + 1, 0);
  auto positions = [&](const Arc& arc) {
    const auto end = static_cast<std::int32_t>((static_cast<std::int64_t>(arc.offset) + arc.length) % ring);
    return std::pair<std::int32_t, std::int32_t>{arc.offset, end};
  };
  for (const Arc& arc : arcs) {
    if (arc.length == 0 || arc.length == ring) continue;
    const auto [start, end] = positions(arc);
    ++toggles.begin[static_cast<std::size_t>(start) + 1];
    ++toggles.begin[static_cast<std::size_t>(end) + 1];
  }
  for (std::size_t u = 0; u < static_cast<std::size_t>(ring); ++u) toggles.begin[u + 1] += toggles.begin[u];
  toggles.columns.resize(static_cast<std::size_t>(toggles.begin.back()));
  std::vector<std::int64_t> fill(toggles.begin.begin(), toggles.begin.end() - 1);
  for (std::size_t j = 0; j < arcs.size(); ++j) {
    if (arcs[j].length == 0 || arcs[j].length == ring) continue;
    const auto [start, end] = positions(arcs[j]);
    toggles.columns[static_cast<std::size_t>(fill[static_cast<std::size_t>(start)]++)] = static_cast<std::int32_t>(j);
    toggles.columns[static_cast<std::size_t>(fill[static_cast<std::size_t>(end)]++)] = static_cast<std::int32_t>(j);
  }
  return toggles;
}

// S' row of `arc` (on the ring of E) from the prefix sets.
void arc_set(const std::uint64_t* prefix, std::int64_t words, std::int64_t ring, Arc arc, std::uint64_t* out) {
  const std::int64_t start = arc.offset;
  const std::int64_t end = start + arc.length;
  const std::uint64_t* c_start = prefix + start * words;
  if (end <= ring) {
    const std::uint64_t* c_end = prefix + end * words;
    for (std::int64_t w = 0; w < words; ++w) out[w] = c_end[w] ^ c_start[w];
  } else {
    const std::uint64_t* c_ring = prefix + ring * words;
    const std::uint64_t* c_wrapped = prefix + (end - ring) * words;
    for (std::int64_t w = 0; w < words; ++w) out[w] = c_ring[w] ^ c_start[w] ^ c_wrapped[w];
  }
}

}  // namespace

std::int64_t bitpacked_table_bytes(std::int64_t cols) { return (cols + 1) * words_for(cols) * 8; }

void run_bitpacked_kernel(const PhaseOperator& op, std::int64_t k, RouteTable out, PhaseTally& tally) {
  const std::int32_t rows = op.rows();
  const std::int32_t cols = op.cols();
  const std::int64_t words = words_for(cols);
  const std::vector<std::uint64_t> prefix = build_prefix_sets(op, words);
  const RingToggles toggles = build_toggles(op);
  const Arc* row_arcs = op.row_arcs().data();
  const auto column_arcs = op.column_arcs();
  const std::int32_t* pi_t_inverse = op.pi_t_inverse().data();

#pragma omp parallel if (static_cast<std::int64_t>(rows) * words >= kParallelMinWords)
  {
    int threads = 1, thread = 0;
#if defined(_OPENMP)
    threads = omp_get_num_threads();
    thread = omp_get_thread_num();
#endif
    PhaseRowWriter writer(cols, k, op.selection_stream());
    std::vector<std::uint64_t> covering(static_cast<std::size_t>(words), 0);
    std::vector<std::uint64_t> candidates(static_cast<std::size_t>(words), 0);
    // Each thread sweeps one contiguous stretch of the T ring (which rows land on which thread
    // never changes an output row).
    const auto begin = static_cast<std::int32_t>(static_cast<std::int64_t>(rows) * thread / threads);
    const auto end = static_cast<std::int32_t>(static_cast<std::int64_t>(rows) * (thread + 1) / threads);
    if (begin < end)
      for (std::size_t j = 0; j < column_arcs.size(); ++j)
        if (arc_contains(column_arcs[j], begin, rows)) covering[j / 64] |= std::uint64_t{1} << (j % 64);
    for (std::int32_t u = begin; u < end; ++u) {
      if (u > begin)
        for (std::int64_t e = toggles.begin[static_cast<std::size_t>(u)]; e < toggles.begin[static_cast<std::size_t>(u) + 1]; ++e) {
          const std::int32_t j = toggles.columns[static_cast<std::size_t>(e)];
          covering[static_cast<std::size_t>(j) / 64] ^= std::uint64_t{1} << (j % 64);
        }
      const std::int32_t i = pi_t_inverse[u];
      arc_set(prefix.data(), words, cols, row_arcs[i], candidates.data());
      std::int64_t count = 0;
      for (std::int64_t w = 0; w < words; ++w) {
        candidates[static_cast<std::size_t>(w)] &= covering[static_cast<std::size_t>(w)];
        count += std::popcount(candidates[static_cast<std::size_t>(w)]);
      }
      writer.write_bits(i, candidates, count, out.data + static_cast<std::int64_t>(i) * out.row_stride);
    }
#pragma omp critical(phase_tally)
    tally.absorb(writer);
  }
}

}  // namespace routelab::phase
