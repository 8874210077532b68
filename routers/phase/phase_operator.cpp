#include "routers/phase/phase_operator.hpp"

#include <bit>
#include <limits>
#include <string>

#include "routers/phase/phase_errors.hpp"
#include "routers/phase/phase_rng.hpp"

namespace routelab::phase {

namespace {

// Ids are int32 (the route table's type), so each side holds at most 2^31 - 1 entries.
constexpr std::int64_t kMaxSide = std::numeric_limits<std::int32_t>::max();

void check_degrees(std::span<const std::int64_t> degrees, const char* name, std::int64_t ring, const char* ring_name) {
  for (std::size_t i = 0; i < degrees.size(); ++i)
    if (degrees[i] < 0 || degrees[i] > ring)
      throw PhaseArgumentError(std::string(name) + "[" + std::to_string(i) + "]",
                               "expected a degree in 0.." + std::to_string(ring) + " (the ring size " + ring_name +
                                   "), got " + std::to_string(degrees[i]));
}

// Arcs laid end to end around a ring: offset of row i = (sum of earlier degrees) mod ring.
std::vector<Arc> lay_arcs(std::span<const std::int64_t> degrees, std::int64_t ring, std::int64_t& total) {
  std::vector<Arc> arcs(degrees.size());
  std::int64_t offset = 0;
  total = 0;
  for (std::size_t i = 0; i < degrees.size(); ++i) {
    arcs[i] = Arc{static_cast<std::int32_t>(offset), static_cast<std::int32_t>(degrees[i])};
    offset += degrees[i];  // degrees are at most the ring size: one subtraction wraps it
    if (offset >= ring) offset -= ring;
    total += degrees[i];
  }
  return arcs;
}

// pi_T from the caller: exactly one ring position per row, each taken once.
std::vector<std::int32_t> checked_positions(std::span<const std::int32_t> positions, std::int32_t ring) {
  if (static_cast<std::int64_t>(positions.size()) != ring)
    throw PhaseArgumentError("token_positions", "expected " + std::to_string(ring) +
                                                    " ring positions (one per row of S), got " +
                                                    std::to_string(positions.size()));
  std::vector<char> taken(static_cast<std::size_t>(ring), 0);
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const std::int32_t u = positions[i];
    const std::string name = "token_positions[" + std::to_string(i) + "]";
    if (u < 0 || u >= ring)
      throw PhaseArgumentError(name, "expected a ring position in 0.." + std::to_string(ring - 1) + ", got " +
                                         std::to_string(u));
    if (taken[static_cast<std::size_t>(u)] != 0)
      throw PhaseArgumentError(name, "position " + std::to_string(u) +
                                         " is taken by an earlier row; expected a permutation of 0.." +
                                         std::to_string(ring - 1));
    taken[static_cast<std::size_t>(u)] = 1;
  }
  return {positions.begin(), positions.end()};
}

std::vector<Arc> reorder(const std::vector<Arc>& arcs, std::span<const std::int32_t> order) {
  std::vector<Arc> reordered(arcs.size());
  for (std::size_t i = 0; i < arcs.size(); ++i) reordered[i] = arcs[static_cast<std::size_t>(order[i])];
  return reordered;
}

}  // namespace

PhaseOperator::PhaseOperator(std::span<const std::int64_t> s, std::span<const std::int64_t> t, std::uint64_t seed,
                             bool row_permutations, std::span<const std::int32_t> token_positions,
                             CapacityArcLayout layout)
    : seed_(seed), layout_(layout) {
  if (s.empty() || static_cast<std::int64_t>(s.size()) > kMaxSide)
    throw PhaseArgumentError("s", "expected 1.." + std::to_string(kMaxSide) + " row degrees (one per row of S), got " +
                                      std::to_string(s.size()));
  if (t.empty() || static_cast<std::int64_t>(t.size()) > kMaxSide)
    throw PhaseArgumentError("t", "expected 1.." + std::to_string(kMaxSide) + " row degrees (one per row of T), got " +
                                      std::to_string(t.size()));
  rows_ = static_cast<std::int32_t>(s.size());
  cols_ = static_cast<std::int32_t>(t.size());
  check_degrees(s, "s", cols_, "E, the number of rows of T");
  check_degrees(t, "t", rows_, "B, the number of rows of S");

  s_degrees_.assign(s.begin(), s.end());
  t_degrees_.assign(t.begin(), t.end());
  row_arcs_ = lay_arcs(s, cols_, sum_s_);

  pi_s_ = make_permutation(cols_, stream_key(seed, PhaseStream::column_permutation_s));
  pi_t_ = token_positions.empty() ? make_permutation(rows_, stream_key(seed, PhaseStream::column_permutation_t))
                                  : checked_positions(token_positions, rows_);
  pi_s_inverse_ = invert_permutation(pi_s_);
  pi_t_inverse_ = invert_permutation(pi_t_);
  if (row_permutations) {
    rho_s_ = make_permutation(rows_, stream_key(seed, PhaseStream::row_permutation_s));
    rho_t_ = make_permutation(cols_, stream_key(seed, PhaseStream::row_permutation_t));
    row_arcs_ = reorder(row_arcs_, rho_s_);
  }
  lay_column_arcs(t);
  position_t_offset_.resize(static_cast<std::size_t>(cols_));
  position_t_length_.resize(static_cast<std::size_t>(cols_));
  for (std::size_t p = 0; p < static_cast<std::size_t>(cols_); ++p) {
    const Arc arc = column_arcs_[static_cast<std::size_t>(pi_s_inverse_[p])];
    position_t_offset_[p] = arc.offset;
    position_t_length_[p] = arc.length;
  }
  selection_stream_ = stream_key(seed, PhaseStream::selection);
  build_owner_buckets();
}

void PhaseOperator::lay_column_arcs(std::span<const std::int64_t> t) {
  // The line: T rows in the given order, or in the seeded order of the layout.
  const std::vector<std::int32_t> line_rows =
      layout_.permuted_order ? make_permutation(cols_, stream_key(seed_, PhaseStream::capacity_order))
                             : std::vector<std::int32_t>{};
  auto row_at = [&](std::size_t q) { return line_rows.empty() ? static_cast<std::int32_t>(q) : line_rows[q]; };
  std::vector<std::int64_t> line_lengths(t.size());
  for (std::size_t q = 0; q < t.size(); ++q) line_lengths[q] = t[static_cast<std::size_t>(row_at(q))];
  const std::vector<Arc> line_arcs = lay_arcs(line_lengths, rows_, sum_t_);
  std::vector<std::int32_t> line_offsets(t.size());
  for (std::size_t q = 0; q < t.size(); ++q) line_offsets[q] = line_arcs[q].offset;
  if (layout_.spread) (void)try_spread(line_lengths, line_offsets);

  t_prefix_.assign(t.size() + 1, 0);
  for (std::size_t q = 0; q < t.size(); ++q) t_prefix_[q + 1] = t_prefix_[q] + line_lengths[q];
  t_row_offsets_.assign(t.size(), 0);
  for (std::size_t q = 0; q < t.size(); ++q) t_row_offsets_[static_cast<std::size_t>(row_at(q))] = line_offsets[q];
  // Column j holds T row j, or T row rho_T[j] with the row permutations.
  const std::vector<std::int32_t> column_of_row = rho_t_.empty() ? std::vector<std::int32_t>{} : invert_permutation(rho_t_);
  auto column_of = [&](std::int32_t row) { return column_of_row.empty() ? row : column_of_row[static_cast<std::size_t>(row)]; };
  column_arcs_.assign(t.size(), Arc{});
  for (std::size_t r = 0; r < t.size(); ++r)
    column_arcs_[static_cast<std::size_t>(column_of(static_cast<std::int32_t>(r)))] =
        Arc{t_row_offsets_[r], static_cast<std::int32_t>(t[r])};
  if (!line_rows.empty() || !column_of_row.empty()) {
    column_of_line_.resize(t.size());
    for (std::size_t q = 0; q < t.size(); ++q) column_of_line_[q] = column_of(row_at(q));
  }
  if (spread_applied()) {
    // Cover lists by position (counting sort over the arcs, in line order).
    std::vector<std::int64_t> fill(cover_begin_.begin(), cover_begin_.end() - 1);
    cover_columns_.resize(static_cast<std::size_t>(sum_t_));
    for (std::size_t q = 0; q < t.size(); ++q) {
      const std::int32_t column = column_of(row_at(q));
      for (std::int64_t m = 0; m < line_lengths[q]; ++m) {
        std::int64_t u = line_offsets[q] + m;
        if (u >= rows_) u -= rows_;
        cover_columns_[static_cast<std::size_t>(fill[static_cast<std::size_t>(u)]++)] = column;
      }
    }
  }
}

bool PhaseOperator::try_spread(std::span<const std::int64_t> line_lengths, std::vector<std::int32_t>& line_offsets) {
  if (sum_t_ <= rows_ || sum_t_ > kMaxSpreadCovers) return false;  // one lap at most: nothing to spread
  std::vector<std::int32_t> spread(line_offsets.size());
  std::vector<std::int64_t> change(static_cast<std::size_t>(rows_) + 1, 0);
  std::int64_t before = 0;
  for (std::size_t q = 0; q < line_lengths.size(); ++q) {
    // floor(P_q B / sum_t) < B; P_q B < 2^27 * 2^31 fits 64 bits (sum_t is at most kMaxSpreadCovers).
    spread[q] = static_cast<std::int32_t>(before * rows_ / sum_t_);
    const std::int64_t end = spread[q] + line_lengths[q];
    ++change[static_cast<std::size_t>(spread[q])];
    if (end <= rows_) {
      --change[static_cast<std::size_t>(end)];
    } else {  // wraps: covers [offset, B) and [0, end - B)
      ++change[0];
      --change[static_cast<std::size_t>(end - rows_)];
    }
    before += line_lengths[q];
  }
  const std::int64_t low = sum_t_ / rows_;
  const std::int64_t high = (sum_t_ + rows_ - 1) / rows_;
  std::vector<std::int64_t> begin(static_cast<std::size_t>(rows_) + 1, 0);
  std::int64_t coverage = 0;
  for (std::int32_t u = 0; u < rows_; ++u) {
    coverage += change[static_cast<std::size_t>(u)];
    if (coverage < low || coverage > high) return false;  // would cost fill: keep the tiling
    begin[static_cast<std::size_t>(u) + 1] = begin[static_cast<std::size_t>(u)] + coverage;
  }
  line_offsets = std::move(spread);
  cover_begin_ = std::move(begin);
  return true;
}

void PhaseOperator::build_owner_buckets() {
  // Buckets of a power-of-two width close to the mean arc length: about one arc starts per bucket.
  const std::int64_t mean_length = std::max<std::int64_t>(1, (sum_t_ + cols_ - 1) / cols_);
  bucket_shift_ = static_cast<int>(std::bit_width(static_cast<std::uint64_t>(mean_length - 1)));
  const std::int64_t buckets = sum_t_ == 0 ? 0 : ((sum_t_ - 1) >> bucket_shift_) + 1;
  bucket_first_row_.assign(static_cast<std::size_t>(buckets) + 1, cols_ - 1);
  std::int32_t row = 0;
  for (std::int64_t b = 0; b < buckets; ++b) {
    const std::int64_t x = b << bucket_shift_;
    while (t_prefix_[static_cast<std::size_t>(row) + 1] <= x) ++row;
    bucket_first_row_[static_cast<std::size_t>(b)] = row;
  }
  // The sentinel bounds the last bucket's search: the owner of its last position is at most E - 1.
}

}  // namespace routelab::phase
