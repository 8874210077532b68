#pragma once
// Step 8 of spec §1, shared by every kernel so their outputs are identical: from a row's candidates
// (the set bits of O's row, in increasing column order) keep at most k, chosen uniformly at random
// without replacement from the row's own counter-based stream, and pad the row with -1.
//
// The chosen ranks come from Floyd's sampling algorithm and depend only on (seed, row, count, k),
// never on how a kernel found the candidates; kept columns are written in increasing order.
// One writer per thread; it also counts what the statistics need (integer sums, so the totals are
// the same on any thread count).
#include <algorithm>
#include <bit>
#include <cstdint>
#include <span>
#include <vector>

#include "routers/phase/phase_rng.hpp"

namespace routelab::phase {

class PhaseRowWriter {
 public:
  PhaseRowWriter(std::int32_t cols, std::int64_t k, std::uint64_t selection_stream)
      : k_(k), selection_stream_(selection_stream), column_load_(static_cast<std::size_t>(cols), 0) {
    ranks_.reserve(static_cast<std::size_t>(std::min<std::int64_t>(k, cols)));
  }

  // `candidates` in increasing order.
  void write_sorted(std::int32_t row, std::span<const std::int32_t> candidates, std::int32_t* out) {
    const auto count = static_cast<std::int64_t>(candidates.size());
    std::int64_t written = 0;
    if (count <= k_) {
      for (const std::int32_t column : candidates) out[written++] = column;
    } else {
      for (const std::int32_t rank : choose_ranks(row, static_cast<std::int32_t>(count)))
        out[written++] = candidates[static_cast<std::size_t>(rank)];
    }
    finish_row(count, written, out);
  }

  // Candidates as a bit set over the columns (words[w] bit b = column 64 w + b); `count` set bits.
  void write_bits(std::int32_t row, std::span<const std::uint64_t> words, std::int64_t count, std::int32_t* out) {
    std::int64_t written = 0;
    if (count <= k_) {
      for (std::size_t w = 0; w < words.size(); ++w)
        for (std::uint64_t bits = words[w]; bits != 0; bits &= bits - 1)
          out[written++] = static_cast<std::int32_t>(64 * w + static_cast<std::size_t>(std::countr_zero(bits)));
    } else {
      // Walk the words once, keeping the running rank; the chosen ranks are increasing.
      std::size_t w = 0;
      std::int64_t rank_before_word = 0;
      for (const std::int32_t rank : choose_ranks(row, static_cast<std::int32_t>(count))) {
        std::int64_t in_word = std::popcount(words[w]);
        while (rank_before_word + in_word <= rank) {
          rank_before_word += in_word;
          in_word = std::popcount(words[++w]);
        }
        out[written++] = static_cast<std::int32_t>(64 * w + select_bit(words[w], static_cast<int>(rank - rank_before_word)));
      }
    }
    finish_row(count, written, out);
  }

  std::span<const std::int64_t> column_load() const { return column_load_; }
  std::int64_t active_routes() const { return active_routes_; }
  std::int64_t candidates() const { return candidates_; }
  std::int64_t max_row_candidates() const { return max_row_candidates_; }

 private:
  // Ranks of at most this many chosen entries are kept in a small sorted array; more use a bitmap.
  static constexpr std::int64_t kSmallChoice = 32;

  void finish_row(std::int64_t count, std::int64_t written, std::int32_t* out) {
    for (std::int64_t c = 0; c < written; ++c) ++column_load_[static_cast<std::size_t>(out[c])];
    std::fill(out + written, out + k_, -1);
    active_routes_ += written;
    candidates_ += count;
    max_row_candidates_ = std::max(max_row_candidates_, count);
  }

  // Index of the n-th set bit (n counted from 0) of `bits`.
  static std::size_t select_bit(std::uint64_t bits, int n) {
    for (; n > 0; --n) bits &= bits - 1;
    return static_cast<std::size_t>(std::countr_zero(bits));
  }

  // k distinct ranks of [0, count), count > k, increasing (Floyd's algorithm: exactly uniform).
  std::span<const std::int32_t> choose_ranks(std::int32_t row, std::int32_t count) {
    CounterRng rng(row_key(selection_stream_, static_cast<std::uint64_t>(row)));
    ranks_.clear();
    const auto first = static_cast<std::int32_t>(count - k_);
    if (k_ <= kSmallChoice) {
      for (std::int32_t j = first; j < count; ++j) {
        const auto r = static_cast<std::int32_t>(rng.below(static_cast<std::uint32_t>(j) + 1));
        ranks_.push_back(std::find(ranks_.begin(), ranks_.end(), r) == ranks_.end() ? r : j);
      }
      std::sort(ranks_.begin(), ranks_.end());
      return ranks_;
    }
    if (bitmap_.size() * 64 < static_cast<std::size_t>(count)) bitmap_.resize((static_cast<std::size_t>(count) + 63) / 64, 0);
    for (std::int32_t j = first; j < count; ++j) {
      auto r = static_cast<std::int32_t>(rng.below(static_cast<std::uint32_t>(j) + 1));
      if ((bitmap_[static_cast<std::size_t>(r) / 64] >> (r % 64)) & 1u) r = j;
      bitmap_[static_cast<std::size_t>(r) / 64] |= std::uint64_t{1} << (r % 64);
    }
    for (std::size_t w = 0; w * 64 < static_cast<std::size_t>(count); ++w) {
      for (std::uint64_t bits = bitmap_[w]; bits != 0; bits &= bits - 1)
        ranks_.push_back(static_cast<std::int32_t>(64 * w + static_cast<std::size_t>(std::countr_zero(bits))));
      bitmap_[w] = 0;
    }
    return ranks_;
  }

  std::int64_t k_;
  std::uint64_t selection_stream_;
  std::vector<std::int64_t> column_load_;
  std::vector<std::int32_t> ranks_;
  std::vector<std::uint64_t> bitmap_;
  std::int64_t active_routes_ = 0;
  std::int64_t candidates_ = 0;
  std::int64_t max_row_candidates_ = 0;
};

}  // namespace routelab::phase
