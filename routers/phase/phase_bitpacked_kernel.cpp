// Word-parallel bit sets, indexed by S ring position rather than by column (column = pi_S^-1[p]).
// In that space row i's S' row is simply its arc [a, a + s_i), a run of whole words with masked
// ends, and row i's T'' row is the set of positions whose column's T arc covers u = pi_T[i]. That
// set changes only where a T arc starts or ends, so each stretch of the T ring is swept in
// order, toggling those bits, and handles row pi_T^-1[u] at position u: O_i = the arc's words of
// the set, read in arc order (the canonical order), 64 positions per operation.
// Memory per participating thread: ceil(E / 64) words; nothing of size E x E.
#include <algorithm>
#include <bit>
#include <vector>

#include "routers/phase/phase_chunk_pool.hpp"
#include "routers/phase/phase_kernels.hpp"
#include "routers/phase/phase_table_fill.hpp"

namespace routelab::phase {

namespace {

// Every x86-64 processor since 2008 counts bits in one instruction, but the baseline ABI does not
// promise it: the per-row work is compiled twice and the loader picks the variant the CPU runs.
#if defined(__x86_64__) && defined(__GNUC__) && defined(__ELF__)
#define ROUTELAB_PHASE_POPCOUNT_VARIANTS __attribute__((target_clones("popcnt", "default")))
#else
#define ROUTELAB_PHASE_POPCOUNT_VARIANTS
#endif

// Rows ahead whose first output line is prefetched: rows come in a random order, and a store miss
// per row would otherwise stall the sweep (8 rows cover the miss latency at ~100 ns a row).
constexpr std::int32_t kPrefetchRows = 8;

// Stretches of the T ring per participant: each starts with an O(E) pass over the arcs, and more
// of them let a participant that got its core late take a smaller share.
constexpr std::int64_t kStretchesPerThread = 8;
// Rows at least per stretch, so that the O(E) start stays small against the rows it serves.
constexpr std::int64_t kMinStretchRows = 128;
// Rows per chunk of the padding pass.
constexpr std::int64_t kPadRowsPerChunk = 512;

// Where T arcs start or end on the T ring: positions[begin[u] .. begin[u + 1]) are the S ring
// positions (pi_S[j]) of the columns whose membership changes on arriving at u. Full (length B) and
// empty arcs never change.
struct RingToggles {
  std::vector<std::int64_t> begin;
  std::vector<std::int32_t> positions;
};

RingToggles build_toggles(const PhaseOperator& op) {
  const std::int32_t ring = op.rows();
  const auto arcs = op.column_arcs();
  const auto pi_s = op.pi_s();
  RingToggles toggles;
  toggles.begin.assign(static_cast<std::size_t>(ring) + 1, 0);
  auto ends = [&](const Arc& arc) {
    std::int64_t end = static_cast<std::int64_t>(arc.offset) + arc.length;  // < 2 ring: no division needed
    if (end >= ring) end -= ring;
    return std::pair<std::size_t, std::size_t>{static_cast<std::size_t>(arc.offset), static_cast<std::size_t>(end)};
  };
  for (const Arc& arc : arcs) {
    if (arc.length == 0 || arc.length == ring) continue;
    const auto [start, end] = ends(arc);
    ++toggles.begin[start + 1];
    ++toggles.begin[end + 1];
  }
  for (std::size_t u = 0; u < static_cast<std::size_t>(ring); ++u) toggles.begin[u + 1] += toggles.begin[u];
  toggles.positions.resize(static_cast<std::size_t>(toggles.begin.back()));
  std::vector<std::int64_t> fill(toggles.begin.begin(), toggles.begin.end() - 1);
  for (std::size_t j = 0; j < arcs.size(); ++j) {
    if (arcs[j].length == 0 || arcs[j].length == ring) continue;
    const auto [start, end] = ends(arcs[j]);
    toggles.positions[static_cast<std::size_t>(fill[start]++)] = pi_s[j];
    toggles.positions[static_cast<std::size_t>(fill[end]++)] = pi_s[j];
  }
  return toggles;
}

std::uint64_t bit(std::int64_t position) { return std::uint64_t{1} << (position % 64); }

// A row's arc, as words of the covering set in arc order (room for ceil(E / 64) + 2 words).
struct ArcWords {
  std::vector<std::uint64_t> words;
  std::vector<std::int32_t> base;  // S ring position of bit 0 of each word
  std::size_t size = 0;
};

// Appends bits [from, to) of `set` word by word, in increasing order; returns their popcount.
[[gnu::always_inline]] inline std::int64_t gather_run(const std::uint64_t* set, std::int64_t from, std::int64_t to,
                                                      ArcWords& arc) {
  std::int64_t count = 0;
  for (std::int64_t w = from / 64; w * 64 < to; ++w) {
    std::uint64_t bits = set[w];
    if (w * 64 < from) bits &= ~std::uint64_t{0} << (from % 64);
    if ((w + 1) * 64 > to) bits &= ~(~std::uint64_t{0} << (to % 64));
    arc.words[arc.size] = bits;
    arc.base[arc.size] = static_cast<std::int32_t>(w * 64);
    ++arc.size;
    count += std::popcount(bits);
  }
  return count;
}

// O_i for the row at T ring position u: the words of `covering` under its S arc, in arc order; the
// kept columns go to `kept` (room for k more). Returns how many were kept.
ROUTELAB_PHASE_POPCOUNT_VARIANTS
std::int64_t keep_row(PhaseRowWriter& writer, const std::uint64_t* covering, std::int32_t row, Arc arc,
                      std::int32_t ring_e, const std::int32_t* column_at, std::int32_t* kept, ArcWords& scratch) {
  const std::int64_t arc_end = static_cast<std::int64_t>(arc.offset) + arc.length;
  scratch.size = 0;
  std::int64_t count = gather_run(covering, arc.offset, std::min<std::int64_t>(arc_end, ring_e), scratch);
  if (arc_end > ring_e) count += gather_run(covering, 0, arc_end - ring_e, scratch);
  return writer.keep_words(row, std::span<const std::uint64_t>(scratch.words.data(), scratch.size),
                           std::span<const std::int32_t>(scratch.base.data(), scratch.size), count, column_at, kept);
}

}  // namespace

void run_bitpacked_kernel(const PhaseOperator& op, std::int64_t k, RouteTable out, PhaseTally& tally) {
  const std::int32_t rows = op.rows();
  const std::int32_t cols = op.cols();
  const std::int64_t set_words = (static_cast<std::int64_t>(cols) + 63) / 64;
  const RingToggles toggles = build_toggles(op);
  const Arc* row_arcs = op.row_arcs().data();
  const auto column_arcs = op.column_arcs();
  const std::int32_t* pi_s = op.pi_s().data();
  const std::int32_t* pi_s_inverse = op.pi_s_inverse().data();
  const std::int32_t* pi_t_inverse = op.pi_t_inverse().data();
  // Words of arcs, rows visited, columns at each thread's start, and the padding (16 slots a step).
  const std::int64_t estimated_steps = op.sum_s() / 64 + 2 * static_cast<std::int64_t>(rows) + cols + rows * k / 16;
  // Rows are met in T ring order (a random row order): the sweep writes only each row's kept
  // columns (a cache line or two, prefetched a few rows ahead), and the -1 padding, the bulk of the
  // table, is written afterwards in row order, sequentially (streamed when the table is large),
  // while the sweep's small tables no longer compete for the cache.
  const bool streaming = static_cast<std::int64_t>(rows) * k * 4 >= kStreamingFillBytes;
  // Indexed by ring position u, so each thread writes its own contiguous stretch (indexing by row
  // would have both threads writing the same cache lines).
  std::vector<std::int32_t> kept_at(static_cast<std::size_t>(rows));
  const std::int32_t* pi_t = op.pi_t().data();

  const int threads = threads_for_work(estimated_steps);
  // One stretch on one thread; otherwise several per participant, claimed one at a time.
  const std::int64_t stretches =
      threads == 1 ? 1 : std::clamp<std::int64_t>(rows / kMinStretchRows, 1, kStretchesPerThread * threads);

  struct alignas(64) Slot {  // its own cache lines: the writers' counters change every row
    PhaseRowWriter writer;
    std::vector<std::uint64_t> covering;  // T'' row, by S position
    ArcWords scratch;
  };
  std::vector<Slot> slots;
  slots.reserve(static_cast<std::size_t>(threads));
  for (int s = 0; s < threads; ++s)
    slots.push_back(Slot{PhaseRowWriter(cols, k, op.selection_stream()),
                         std::vector<std::uint64_t>(static_cast<std::size_t>(set_words), 0),
                         ArcWords{std::vector<std::uint64_t>(static_cast<std::size_t>(set_words) + 2),
                                  std::vector<std::int32_t>(static_cast<std::size_t>(set_words) + 2), 0}});

  // Each stretch of the T ring is swept in order; which participant handles a row never changes
  // what is written for it.
  auto sweep = [&](std::int64_t stretch, int slot_index) {
    Slot& slot = slots[static_cast<std::size_t>(slot_index)];
    const ChunkRange range = chunk_range(rows, stretches, stretch);
    const auto begin = static_cast<std::int32_t>(range.begin);
    const auto end = static_cast<std::int32_t>(range.end);
    if (begin >= end) return;
    std::fill(slot.covering.begin(), slot.covering.end(), 0);
    for (std::size_t j = 0; j < column_arcs.size(); ++j)
      if (arc_contains(column_arcs[j], begin, rows)) slot.covering[static_cast<std::size_t>(pi_s[j]) / 64] |= bit(pi_s[j]);
    for (std::int32_t u = begin; u < end; ++u) {
      if (u > begin)
        for (std::int64_t e = toggles.begin[static_cast<std::size_t>(u)]; e < toggles.begin[static_cast<std::size_t>(u) + 1]; ++e) {
          const std::int32_t position = toggles.positions[static_cast<std::size_t>(e)];
          slot.covering[static_cast<std::size_t>(position) / 64] ^= bit(position);
        }
      if (u + kPrefetchRows < end)
        __builtin_prefetch(out.data + static_cast<std::int64_t>(pi_t_inverse[u + kPrefetchRows]) * out.row_stride, 1);
      const std::int32_t i = pi_t_inverse[u];
      kept_at[static_cast<std::size_t>(u)] = static_cast<std::int32_t>(
          keep_row(slot.writer, slot.covering.data(), i, row_arcs[i], cols, pi_s_inverse,
                   out.data + static_cast<std::int64_t>(i) * out.row_stride, slot.scratch));
    }
  };
  run_chunks(stretches, threads, sweep);

  auto pad = [&](std::int64_t chunk, int) {
    const std::int64_t first = chunk * kPadRowsPerChunk;
    const std::int64_t last = std::min<std::int64_t>(rows, first + kPadRowsPerChunk);
    for (std::int64_t i = first; i < last; ++i)
      pad_row(out.data + i * out.row_stride, kept_at[static_cast<std::size_t>(pi_t[i])], k, streaming);
    finish_streaming(streaming);
  };
  run_chunks((rows + kPadRowsPerChunk - 1) / kPadRowsPerChunk, threads, pad);
  for (const Slot& slot : slots) tally.absorb(slot.writer);
}

}  // namespace routelab::phase
