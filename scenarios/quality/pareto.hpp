#pragma once
// The quality/balance trade-off: which routers are not dominated on (mean expert loss, load
// max/mean), both lower-is-better.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace routelab {

struct TradeoffPoint {
  std::string router;
  double expert_loss = 0;        // quality: mean expert loss of the accepted assignments
  double load_max_over_mean = 0; // balance
};

// Indices of the points no other point dominates (no worse on both axes, better on one), in input
// order. Equal points do not dominate each other.
std::vector<std::size_t> pareto_front(std::span<const TradeoffPoint> points);

}  // namespace routelab
