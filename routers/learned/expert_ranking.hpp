#pragma once
// Ranks experts by a score, best first: the learned routers' top-k and their next_choice fallbacks.
#include <algorithm>
#include <numeric>
#include <span>
#include <vector>

#include "core/types.hpp"

namespace routelab {

// Writes the row.size() highest-scoring experts into `row`, best first; ties go to the lower id,
// so the ranking is a pure function of the scores.
inline void write_ranking(std::span<const double> scores, std::span<ExpertId> row, std::vector<ExpertId>& order) {
  order.resize(scores.size());
  std::iota(order.begin(), order.end(), 0);
  const auto better = [&](ExpertId a, ExpertId b) { return scores[a] > scores[b] || (scores[a] == scores[b] && a < b); };
  const auto depth = std::min(row.size(), order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(depth), order.end(), better);
  std::copy_n(order.begin(), depth, row.begin());
}

}  // namespace routelab
