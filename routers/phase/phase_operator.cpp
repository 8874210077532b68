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
                             bool row_permutations, std::span<const std::int32_t> token_positions)
    : seed_(seed) {
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
  column_arcs_ = lay_arcs(t, rows_, sum_t_);
  t_prefix_.resize(t.size() + 1, 0);
  for (std::size_t j = 0; j < t.size(); ++j) t_prefix_[j + 1] = t_prefix_[j] + t[j];

  pi_s_ = make_permutation(cols_, stream_key(seed, PhaseStream::column_permutation_s));
  pi_t_ = token_positions.empty() ? make_permutation(rows_, stream_key(seed, PhaseStream::column_permutation_t))
                                  : checked_positions(token_positions, rows_);
  pi_s_inverse_ = invert_permutation(pi_s_);
  pi_t_inverse_ = invert_permutation(pi_t_);
  if (row_permutations) {
    rho_s_ = make_permutation(rows_, stream_key(seed, PhaseStream::row_permutation_s));
    rho_t_ = make_permutation(cols_, stream_key(seed, PhaseStream::row_permutation_t));
    row_arcs_ = reorder(row_arcs_, rho_s_);
    column_arcs_ = reorder(column_arcs_, rho_t_);
    column_of_t_row_ = invert_permutation(rho_t_);
  }
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
