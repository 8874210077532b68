#pragma once
// A rows x windows matrix (experts x metric windows) kept as a level-of-detail pyramid with a byte
// budget, so a long run stays interactive and its memory stays bounded.
//
// Level 0 holds one column per window; level L one column per 4^L windows holding the maximum of
// the windows it covers, computed when the last of them arrives (the maximum, not the mean, so a one-window hot spot stays visible when
// zoomed out). Columns live in blocks of kBlockColumns. When the blocks held exceed the budget,
// the oldest blocks of the finest level go first; queries over released windows fall back to the
// finest level still held there (a coarser, never a wrong, answer: it over-approximates the max).
// Values are assumed non-negative (loads, queue lengths, utilization).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace routelab::gui {

class LodMatrix {
 public:
  static constexpr int kFanoutBits = 2;  // 4 windows per column per level: few levels, <= 4x oversampling
  static constexpr int kLevels = 9;      // the top column covers 4^8 = 65,536 windows
  static constexpr std::int64_t kBlockColumns = 256;  // 256 KB blocks at 256 experts: cheap to release

  LodMatrix(int rows, std::size_t budget_bytes);
  LodMatrix(LodMatrix&&) noexcept = default;
  LodMatrix& operator=(LodMatrix&&) noexcept = default;

  void append(std::span<const float> column);  // the next window; column.size() == rows()

  int rows() const { return rows_; }
  std::int64_t columns() const { return columns_; }
  float max_value() const { return max_value_; }
  std::size_t bytes_held() const { return bytes_held_; }
  std::size_t budget_bytes() const { return budget_bytes_; }

  // The finest level still holding `window` (0 unless its detail was released).
  int finest_level_at(std::int64_t window) const;

  // Max over windows [first, last) (clipped to the data) of rows [row_begin, row_end), written to
  // `out` (row_end - row_begin values; 0 for an empty range). Uses the coarsest aligned blocks that
  // fit, so the cost is O(levels) columns, not O(windows). Returns the level of the coarsest
  // fallback used (0: the answer is exact; L > 0: some windows were only known at level L).
  int aggregate(std::int64_t first, std::int64_t last, int row_begin, int row_end, std::span<float> out) const;

  // The same for one row.
  float aggregate_row(std::int64_t first, std::int64_t last, int row, int* level_used = nullptr) const;

 private:
  struct Level {
    std::vector<std::unique_ptr<float[]>> blocks;  // null: released (or never written)
    std::size_t first_held = 0;                    // blocks before it have all been released
  };

  static std::int64_t span_of(int level) { return std::int64_t{1} << (kFanoutBits * level); }
  const float* column_at(int level, std::int64_t column) const;  // null when not held
  float* writable_column(int level, std::int64_t column);
  void enforce_budget();

  // Released blocks are reused for the next ones instead of going back to the allocator: at the
  // budget every new block comes with a release, and fresh 256 KB blocks cost page faults.
  std::vector<std::unique_ptr<float[]>> spare_blocks_;

  int rows_ = 0;
  std::size_t budget_bytes_ = 0;
  std::size_t block_bytes_ = 0;
  std::size_t bytes_held_ = 0;
  std::int64_t columns_ = 0;
  float max_value_ = 0;
  std::vector<Level> levels_;
};

}  // namespace routelab::gui
