#pragma once
// The phase operator of spec §1-§2 in closed form, for given degrees and seed: everything the
// kernels need, computed once. No B x E matrix is ever built here (memory O(B + E)).
//
//   candidate(i, j)  <=>  pi_S[j] in A_S(i) (ring of E)  and  pi_T[i] in A_T(j) (ring of B)
//
// A_S(i) = {(phi_S(i) + m) mod E : m < s_i} with phi_S(i) = (sum_{r<i} s_r) mod E, and likewise
// A_T(j) on the ring of B. With the optional row permutations (step 5), output row i uses the arc
// of S row rho_S[i] and column j the arc of T row rho_T[j]; the offsets keep the original order.
//
// pi_T may be supplied by the caller instead of drawn from the seed: `token_positions[i]` is then
// the ring position of output row i (pi_T[i]). Everything else -- pi_S, the arcs, the optional row
// permutations and the seeded choice of at most k candidates -- still comes from the seed, so the
// row and column bounds hold unchanged. This is how `learned_seed` routes with a learned pi_T.
//
// How the capacity (T) arcs lie on the token ring is a choice (CapacityArcLayout): the spec's end
// to end tiling in the given row order (the default), in a seeded order, or with evenly spaced
// starts. The bounds (<= k per row, load_j <= t_j) hold for every layout: they come from the arcs'
// lengths, not their places.
#include <cstdint>
#include <span>
#include <vector>

#include "routers/phase/phase_options.hpp"

namespace routelab::phase {

struct Arc {
  std::int32_t offset = 0;  // first ring position
  std::int32_t length = 0;  // number of positions (0..ring size)
};

// True when ring position `position` lies on `arc` of a ring of `ring` positions.
inline bool arc_contains(Arc arc, std::int32_t position, std::int32_t ring) {
  std::int32_t distance = position - arc.offset;
  if (distance < 0) distance += ring;
  return distance < arc.length;
}

class PhaseOperator {
 public:
  // The spread layout lists the columns covering each position: at most this many entries
  // (512 MiB), far beyond a simulator batch; larger operators keep the tiling.
  static constexpr std::int64_t kMaxSpreadCovers = std::int64_t{1} << 27;

  // s: B row degrees of S (each 0..E); t: E row degrees of T (each 0..B). Throws
  // PhaseArgumentError naming "s", "t" or the first bad entry (e.g. "t[3]").
  // token_positions: empty (pi_T drawn from the seed, spec §1 step 4) or pi_T itself, B ring
  // positions forming a permutation of 0..B-1; anything else throws PhaseArgumentError naming
  // "token_positions" (wrong size) or the first bad entry ("token_positions[5]": out of range or
  // a position already taken).
  PhaseOperator(std::span<const std::int64_t> s, std::span<const std::int64_t> t, std::uint64_t seed,
                bool row_permutations, std::span<const std::int32_t> token_positions = {},
                CapacityArcLayout layout = {});

  std::int32_t rows() const { return rows_; }  // B
  std::int32_t cols() const { return cols_; }  // E
  std::uint64_t seed() const { return seed_; }
  bool row_permutations() const { return !rho_s_.empty(); }
  CapacityArcLayout layout() const { return layout_; }
  bool spread_applied() const { return !cover_begin_.empty(); }  // false: the arcs tile the ring

  std::span<const Arc> row_arcs() const { return row_arcs_; }        // A_S of output row i, ring E
  std::span<const Arc> column_arcs() const { return column_arcs_; }  // A_T of column j, ring B
  // The T arc of the column sitting at each S ring position p (column pi_S^-1[p]), split into
  // offsets and lengths: walking an S arc then reads these sequentially instead of gathering.
  std::span<const std::int32_t> position_t_offset() const { return position_t_offset_; }
  std::span<const std::int32_t> position_t_length() const { return position_t_length_; }
  std::span<const std::int32_t> pi_s() const { return pi_s_; }
  std::span<const std::int32_t> pi_s_inverse() const { return pi_s_inverse_; }
  std::span<const std::int32_t> pi_t() const { return pi_t_; }
  std::span<const std::int32_t> pi_t_inverse() const { return pi_t_inverse_; }
  std::span<const std::int32_t> rho_s() const { return rho_s_; }  // empty unless row permutations
  std::span<const std::int32_t> rho_t() const { return rho_t_; }
  std::span<const std::int64_t> s_degrees() const { return s_degrees_; }  // as given, original order
  std::span<const std::int64_t> t_degrees() const { return t_degrees_; }
  // The offset of each T row's arc (original row order, before the optional rho_T): step 2's phi^T.
  std::span<const std::int32_t> t_row_offsets() const { return t_row_offsets_; }
  std::int64_t sum_s() const { return sum_s_; }
  std::int64_t sum_t() const { return sum_t_; }
  std::uint64_t selection_stream() const { return selection_stream_; }

  // How many T arcs cover ring position u (0 <= u < B), for any layout.
  std::int64_t coverage_at(std::int32_t u) const {
    if (cover_begin_.empty()) return laps_at(u);
    return cover_begin_[static_cast<std::size_t>(u) + 1] - cover_begin_[static_cast<std::size_t>(u)];
  }
  // Calls f(column) for every column whose T arc covers ring position u, for any layout.
  template <class F>
  void for_each_covering_column(std::int32_t u, F&& f) const {
    if (cover_begin_.empty()) {
      for (std::int64_t x = u; x < sum_t_; x += rows_) f(owner_column(x));
      return;
    }
    for (std::int64_t c = cover_begin_[static_cast<std::size_t>(u)]; c < cover_begin_[static_cast<std::size_t>(u) + 1]; ++c)
      f(cover_columns_[static_cast<std::size_t>(c)]);
  }

  // Tiled layouts only (!spread_applied()): the arcs tile [0, sum_t) end to end, so the coverage
  // of u is the number of laps of that line passing over u ...
  std::int64_t laps_at(std::int32_t u) const { return u < sum_t_ ? (sum_t_ - u + rows_ - 1) / rows_ : 0; }

  // ... and the column whose T arc covers position x of the unrolled line, 0 <= x < sum_t. O(1) on average.
  std::int32_t owner_column(std::int64_t x) const {
    const std::size_t bucket = static_cast<std::size_t>(x >> bucket_shift_);
    std::int32_t row = bucket_first_row_[bucket];
    const std::int32_t last = bucket_first_row_[bucket + 1];
    if (last - row > kLinearScanLimit) {
      // Many (empty or short) arcs start in this bucket: binary search between the two bounds.
      std::int32_t high = last;
      while (row < high) {
        const std::int32_t middle = row + (high - row + 1) / 2;
        if (t_prefix_[static_cast<std::size_t>(middle)] <= x) row = middle; else high = middle - 1;
      }
    } else {
      while (t_prefix_[static_cast<std::size_t>(row) + 1] <= x) ++row;
    }
    return column_of_line_.empty() ? row : column_of_line_[static_cast<std::size_t>(row)];
  }

 private:
  static constexpr std::int32_t kLinearScanLimit = 8;  // beyond this a bisection is cheaper

  void build_owner_buckets();
  void lay_column_arcs(std::span<const std::int64_t> t);
  bool try_spread(std::span<const std::int64_t> line_lengths, std::vector<std::int32_t>& line_offsets);

  std::int32_t rows_ = 0;
  std::int32_t cols_ = 0;
  std::uint64_t seed_ = 0;
  CapacityArcLayout layout_;
  std::vector<std::int64_t> s_degrees_, t_degrees_;
  std::vector<Arc> row_arcs_;
  std::vector<Arc> column_arcs_;
  std::vector<std::int32_t> pi_s_, pi_s_inverse_, pi_t_, pi_t_inverse_, rho_s_, rho_t_;
  std::vector<std::int32_t> position_t_offset_, position_t_length_;
  std::vector<std::int32_t> t_row_offsets_;     // phi^T per T row
  std::vector<std::int32_t> column_of_line_;    // column of the q-th arc of the line; empty: q
  std::vector<std::int64_t> t_prefix_;          // E + 1 entries, in line order
  std::vector<std::int64_t> cover_begin_;       // spread layout: B + 1 offsets into cover_columns_
  std::vector<std::int32_t> cover_columns_;     // spread layout: the columns covering each position
  std::vector<std::int32_t> bucket_first_row_;  // T row owning the first position of each bucket
  int bucket_shift_ = 0;
  std::int64_t sum_s_ = 0;
  std::int64_t sum_t_ = 0;
  std::uint64_t selection_stream_ = 0;
};

}  // namespace routelab::phase
