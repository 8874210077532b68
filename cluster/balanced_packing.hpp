#pragma once
// Balanced packing: n weighted items into m packs of exactly n/m items each, heaviest item first
// into the lightest pack that still has room (EPLB's packing step, from its published description).
#include <span>
#include <vector>

namespace routelab::cluster {

struct Packing {
  std::vector<int> pack;          // pack of each item
  std::vector<int> rank_in_pack;  // the item's position in its pack, 0-based, in placement order
};

// Throws ConfigError when `packs` < 1 or does not divide the number of items. Ties between equal
// weights go to the lower item index; ties between equally light packs to the lower pack index.
// Weights are float because the published algorithm compares float32 sums; using the same
// arithmetic keeps our plans identical to its plans where sums tie.
Packing balanced_packing(std::span<const float> weights, int packs);

}  // namespace routelab::cluster
