#pragma once
// Step 8 of spec §1, shared by every kernel so their outputs are identical: from a row's candidates
// (the set bits of O's row) keep at most k, chosen uniformly at random without replacement from the
// row's own counter-based stream, and pad the row with -1.
//
// Candidates are taken in one canonical order: by their position along the row's S arc, i.e. by
// the column of the aligned S row (step 1) each one traces back to. That is the order in which a
// walk of the arc meets them, so the fast kernels never sort. The chosen ranks come from Floyd's
// algorithm and depend only on (seed, row, count, k); kept candidates keep the canonical order.
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

  // `candidates` in canonical order: keeps at most k in `out` and pads it to k with -1.
  void write_ordered(std::int32_t row, std::span<const std::int32_t> candidates, std::int32_t* out) {
    pad(out, keep_ordered(row, candidates, out));
  }

  // Keeps at most k of `candidates` (canonical order) in `kept`, which has room for min(k, count);
  // returns how many.
  std::int64_t keep_ordered(std::int32_t row, std::span<const std::int32_t> candidates, std::int32_t* kept) {
    const auto count = static_cast<std::int64_t>(candidates.size());
    std::int64_t written = 0;
    if (count <= k_) {
      for (const std::int32_t column : candidates) kept[written++] = column;
    } else {
      for (const std::int32_t rank : choose_ranks(row, static_cast<std::int32_t>(count)))
        kept[written++] = candidates[static_cast<std::size_t>(rank)];
    }
    account(count, written, kept);
    return written;
  }

  // Candidates as bit words in canonical order: bit b of words[w] is S ring position base[w] + b,
  // the column there is column_at[position]; `count` set bits in all. As keep_ordered.
  std::int64_t keep_words(std::int32_t row, std::span<const std::uint64_t> words, std::span<const std::int32_t> base,
                          std::int64_t count, const std::int32_t* column_at, std::int32_t* kept) {
    std::int64_t written = 0;
    if (count <= k_) {
      for (std::size_t w = 0; w < words.size(); ++w)
        for (std::uint64_t bits = words[w]; bits != 0; bits &= bits - 1)
          kept[written++] = column_at[base[w] + std::countr_zero(bits)];
    } else {
      // Walk the words once, keeping the running rank; the chosen ranks are increasing.
      std::size_t w = 0;
      std::int64_t rank_before_word = 0;
      std::int64_t in_word = std::popcount(words[0]);
      for (const std::int32_t rank : choose_ranks(row, static_cast<std::int32_t>(count))) {
        while (rank_before_word + in_word <= rank) {
          rank_before_word += in_word;
          in_word = std::popcount(words[++w]);
        }
        kept[written++] = column_at[base[w] + select_bit(words[w], static_cast<int>(rank - rank_before_word))];
      }
    }
    account(count, written, kept);
    return written;
  }

  // Fills the slots after the `written` routes of a row with -1.
  void pad(std::int32_t* out, std::int64_t written) const {
    if (written < k_) std::fill(out + written, out + k_, -1);
  }

  std::span<const std::int32_t> column_load() const { return column_load_; }
  std::int64_t active_routes() const { return active_routes_; }
  std::int64_t candidates() const { return candidates_; }
  std::int64_t max_row_candidates() const { return max_row_candidates_; }

 private:
  // Up to this many drawn ranks are kept in a small sorted array on the stack; more use a bitmap.
  static constexpr std::int64_t kSmallChoice = 32;

  void account(std::int64_t count, std::int64_t written, const std::int32_t* kept) {
    for (std::int64_t c = 0; c < written; ++c) ++column_load_[static_cast<std::size_t>(kept[c])];
    active_routes_ += written;
    candidates_ += count;
    max_row_candidates_ = std::max(max_row_candidates_, count);
  }

  // Index of the n-th set bit (n counted from 0) of `bits`.
  static int select_bit(std::uint64_t bits, int n) {
    for (; n > 0; --n) bits &= bits - 1;
    return std::countr_zero(bits);
  }

  // k distinct ranks of [0, count), count > k, increasing. Floyd's algorithm (exactly uniform)
  // draws min(k, count - k) ranks: the kept ones, or, when most are kept, the dropped ones.
  std::span<const std::int32_t> choose_ranks(std::int32_t row, std::int32_t count) {
    CounterRng rng(row_key(selection_stream_, static_cast<std::uint64_t>(row)));
    const bool drop = k_ > count - k_;
    const auto draws = static_cast<std::int32_t>(drop ? count - k_ : k_);
    ranks_.clear();
    if (draws <= kSmallChoice) {
      std::int32_t drawn[kSmallChoice + 1];
      std::int32_t size = 0;
      for (std::int32_t j = count - draws; j < count; ++j) {
        auto r = static_cast<std::int32_t>(rng.below(static_cast<std::uint32_t>(j) + 1));
        bool taken = false;
        for (std::int32_t a = 0; a < size; ++a) taken = taken || drawn[a] == r;
        if (taken) r = j;
        std::int32_t at = size++;  // insertion keeps `drawn` sorted
        for (; at > 0 && drawn[at - 1] > r; --at) drawn[at] = drawn[at - 1];
        drawn[at] = r;
      }
      if (!drop) {
        ranks_.assign(drawn, drawn + size);
        return ranks_;
      }
      // Every rank but the drawn ones, without a data-dependent branch (the draws are random).
      drawn[size] = count;  // sentinel
      ranks_.resize(static_cast<std::size_t>(k_) + 1);
      std::int32_t next = 0, written = 0;
      for (std::int32_t rank = 0; rank < count; ++rank) {
        const bool dropped = drawn[next] == rank;
        ranks_[static_cast<std::size_t>(written)] = rank;
        written += dropped ? 0 : 1;
        next += dropped ? 1 : 0;
      }
      ranks_.resize(static_cast<std::size_t>(written));
      return ranks_;
    }
    if (bitmap_.size() * 64 < static_cast<std::size_t>(count)) bitmap_.resize((static_cast<std::size_t>(count) + 63) / 64, 0);
    for (std::int32_t j = count - draws; j < count; ++j) {
      auto r = static_cast<std::int32_t>(rng.below(static_cast<std::uint32_t>(j) + 1));
      if ((bitmap_[static_cast<std::size_t>(r) / 64] >> (r % 64)) & 1u) r = j;
      bitmap_[static_cast<std::size_t>(r) / 64] |= std::uint64_t{1} << (r % 64);
    }
    for (std::size_t w = 0; w * 64 < static_cast<std::size_t>(count); ++w) {
      std::uint64_t bits = drop ? ~bitmap_[w] : bitmap_[w];
      if ((w + 1) * 64 > static_cast<std::size_t>(count)) bits &= ~(~std::uint64_t{0} << (count % 64));
      for (; bits != 0; bits &= bits - 1)
        ranks_.push_back(static_cast<std::int32_t>(64 * w + static_cast<std::size_t>(std::countr_zero(bits))));
      bitmap_[w] = 0;
    }
    return ranks_;
  }

  std::int64_t k_;
  std::uint64_t selection_stream_;
  std::vector<std::int32_t> column_load_;  // a column's load is at most B < 2^31
  std::vector<std::int32_t> ranks_;
  std::vector<std::uint64_t> bitmap_;
  std::int64_t active_routes_ = 0;
  std::int64_t candidates_ = 0;
  std::int64_t max_row_candidates_ = 0;
};

}  // namespace routelab::phase
