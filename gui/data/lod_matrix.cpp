#include "gui/data/lod_matrix.hpp"

#include <algorithm>
#include <stdexcept>

namespace routelab::gui {

LodMatrix::LodMatrix(int rows, std::size_t budget_bytes)
    : rows_(rows),
      budget_bytes_(budget_bytes),
      block_bytes_(static_cast<std::size_t>(kBlockColumns) * static_cast<std::size_t>(rows) * sizeof(float)),
      levels_(kLevels) {
  if (rows <= 0) throw std::invalid_argument("LodMatrix needs at least one row");
}

const float* LodMatrix::column_at(int level, std::int64_t column) const {
  const Level& lv = levels_[static_cast<std::size_t>(level)];
  const auto block = static_cast<std::size_t>(column / kBlockColumns);
  if (column < 0 || block >= lv.blocks.size() || !lv.blocks[block]) return nullptr;
  return lv.blocks[block].get() + (column % kBlockColumns) * rows_;
}

float* LodMatrix::writable_column(int level, std::int64_t column) {
  Level& lv = levels_[static_cast<std::size_t>(level)];
  const auto block = static_cast<std::size_t>(column / kBlockColumns);
  if (block >= lv.blocks.size()) lv.blocks.resize(block + 1);
  auto& storage = lv.blocks[block];
  if (!storage) {
    // Not zeroed: a column is always written whole (level 0: copied; coarser: its children's max)
    // before anything reads it.
    if (spare_blocks_.empty()) {
      storage.reset(new float[static_cast<std::size_t>(kBlockColumns) * static_cast<std::size_t>(rows_)]);
    } else {
      storage = std::move(spare_blocks_.back());
      spare_blocks_.pop_back();
    }
    bytes_held_ += block_bytes_;
  }
  return storage.get() + (column % kBlockColumns) * rows_;
}

void LodMatrix::append(std::span<const float> column) {
  if (static_cast<int>(column.size()) != rows_) throw std::invalid_argument("LodMatrix::append: wrong column size");
  const std::int64_t window = columns_++;
  std::copy(column.begin(), column.end(), writable_column(0, window));
  for (const float v : column) max_value_ = std::max(max_value_, v);
  // A coarser column is computed once, when its last window arrives: ~1.33 x rows work per
  // window instead of rows x levels. Queries only use coarse columns whose windows are all in.
  std::int64_t child = window;
  for (int level = 1; level < kLevels; ++level) {
    if ((child & ((std::int64_t{1} << kFanoutBits) - 1)) != (std::int64_t{1} << kFanoutBits) - 1) break;
    const std::int64_t parent = child >> kFanoutBits;
    float* out = writable_column(level, parent);
    const float* first = column_at(level - 1, parent << kFanoutBits);
    std::copy(first, first + rows_, out);
    for (std::int64_t c = (parent << kFanoutBits) + 1; c <= child; ++c) {
      const float* in = column_at(level - 1, c);
      for (int r = 0; r < rows_; ++r) out[r] = std::max(out[r], in[r]);
    }
    child = parent;
  }
  enforce_budget();
}

void LodMatrix::enforce_budget() {
  // Release the oldest block of the finest level first; never the block being written, never the
  // top level (it alone always covers the whole run).
  while (bytes_held_ > budget_bytes_) {
    bool released = false;
    for (int level = 0; level + 1 < kLevels && !released; ++level) {
      Level& lv = levels_[static_cast<std::size_t>(level)];
      const auto writing = static_cast<std::size_t>(((columns_ - 1) >> (kFanoutBits * level)) / kBlockColumns);
      for (std::size_t b = lv.first_held; b < writing; ++b) {
        lv.first_held = b + 1;
        if (!lv.blocks[b]) continue;
        if (spare_blocks_.size() < kLevels) {
          spare_blocks_.push_back(std::move(lv.blocks[b]));
        } else {
          lv.blocks[b].reset();
        }
        bytes_held_ -= block_bytes_;
        released = true;
        break;
      }
    }
    if (!released) return;  // only blocks in use are left: the budget is smaller than the minimum
  }
}

int LodMatrix::finest_level_at(std::int64_t window) const {
  for (int level = 0; level < kLevels; ++level)
    if (column_at(level, window >> (kFanoutBits * level))) return level;
  return kLevels - 1;
}

int LodMatrix::aggregate(std::int64_t first, std::int64_t last, int row_begin, int row_end,
                         std::span<float> out) const {
  std::fill(out.begin(), out.end(), 0.0f);
  first = std::max<std::int64_t>(first, 0);
  last = std::min(last, columns_);
  int coarsest_fallback = 0;
  std::int64_t w = first;
  while (w < last) {
    // The coarsest bucket starting at w that is aligned and fits in [w, last), else finer.
    int chosen = -1;
    int level = 0;
    while (level + 1 < kLevels && (w & (span_of(level + 1) - 1)) == 0 && w + span_of(level + 1) <= last) ++level;
    for (; level >= 0; --level) {
      if (column_at(level, w >> (kFanoutBits * level))) {
        chosen = level;
        break;
      }
    }
    if (chosen < 0) {  // level 0 released here: the finest held bucket containing w
      chosen = finest_level_at(w);
      coarsest_fallback = std::max(coarsest_fallback, chosen);
    }
    const float* column = column_at(chosen, w >> (kFanoutBits * chosen));
    if (column) {
      float* slots = out.data();
      const float* values = column + row_begin;
      const int count = row_end - row_begin;
      for (int r = 0; r < count; ++r) slots[r] = std::max(slots[r], values[r]);
    }
    w = ((w >> (kFanoutBits * chosen)) + 1) << (kFanoutBits * chosen);
  }
  return coarsest_fallback;
}

float LodMatrix::aggregate_row(std::int64_t first, std::int64_t last, int row, int* level_used) const {
  float value = 0;
  const int level = aggregate(first, last, row, row + 1, std::span<float>(&value, 1));
  if (level_used) *level_used = level;
  return value;
}

}  // namespace routelab::gui
