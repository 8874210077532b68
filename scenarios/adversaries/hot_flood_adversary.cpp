#include "scenarios/adversaries/hot_flood_adversary.hpp"

namespace routelab {

HotFloodAdversary::HotFloodAdversary(std::vector<std::uint64_t> hot_keys) : hot_keys_(std::move(hot_keys)) {}

void HotFloodAdversary::choose_keys(Tick tick, std::int64_t count, std::vector<std::uint64_t>& keys) {
  (void)tick;
  for (std::int64_t i = 0; i < count; ++i) {
    keys.push_back(hot_keys_[next_]);
    next_ = (next_ + 1) % hot_keys_.size();
  }
}

}  // namespace routelab
