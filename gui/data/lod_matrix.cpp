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
    const std::size_t cells = static_cast<std::size_t>(kBlockColumns) * static_cast<std::size_t>(rows_);
    storage = std::make_unique<float[]>(cells);  // value-initialized: zeros, the identity of max on values >= 0
    bytes_held_ += block_bytes_;
  }
  return storage.get() + (column % kBlockColumns) * rows_;
}

void LodMatrix::append(std::span<const float> column) {
  if (static_cast<int>(column.size()) != rows_) throw std::invalid_argument("LodMatrix::append: wrong column size");
  const std::int64_t window = columns_++;
  for (int level = 0; level < kLevels; ++level) {
    float* cell = writable_column(level, window >> (kFanoutBits * level));
    if (level == 0) {
      std::copy(column.begin(), column.end(), cell);
    } else {
      for (int r = 0; r < rows_; ++r) cell[r] = std::max(cell[r], column[static_cast<std::size_t>(r)]);
    }
  }
  for (const float v : column) max_value_ = std::max(max_value_, v);
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
        lv.blocks[b].reset();
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
    int chosen = -1;
    for (int level = kLevels - 1; level >= 0; --level) {
      const std::int64_t span = span_of(level);
      if (w % span == 0 && w + span <= last && column_at(level, w >> (kFanoutBits * level))) {
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
      for (int r = row_begin; r < row_end; ++r) {
        float& slot = out[static_cast<std::size_t>(r - row_begin)];
        slot = std::max(slot, column[r]);
      }
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
