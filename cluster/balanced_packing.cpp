#include "cluster/balanced_packing.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "core/errors.hpp"

namespace routelab::cluster {

Packing balanced_packing(std::span<const float> weights, int packs) {
  const int items = static_cast<int>(weights.size());
  if (packs < 1 || items % packs != 0)
    throw ConfigError("packs", "balanced packing needs the item count (" + std::to_string(items) +
                                   ") to be a multiple of the pack count (" + std::to_string(packs) + ")");
  const int per_pack = items / packs;
  Packing result{std::vector<int>(items, -1), std::vector<int>(items, -1)};
  if (per_pack == 1) {  // one item per pack: item i is pack i, nothing to balance
    std::iota(result.pack.begin(), result.pack.end(), 0);
    std::fill(result.rank_in_pack.begin(), result.rank_in_pack.end(), 0);
    return result;
  }
  std::vector<int> order(items);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return weights[a] > weights[b]; });
  std::vector<float> pack_weight(packs, 0.0F);
  std::vector<int> pack_items(packs, 0);
  for (const int item : order) {
    int lightest = -1;
    for (int p = 0; p < packs; ++p)
      if (pack_items[p] < per_pack && (lightest < 0 || pack_weight[p] < pack_weight[lightest])) lightest = p;
    result.pack[item] = lightest;
    result.rank_in_pack[item] = pack_items[lightest];
    pack_weight[lightest] += weights[item];
    ++pack_items[lightest];
  }
  return result;
}

}  // namespace routelab::cluster
