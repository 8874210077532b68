#include "scenarios/quality/pareto.hpp"

namespace routelab {

std::vector<std::size_t> pareto_front(std::span<const TradeoffPoint> points) {
  auto dominates = [](const TradeoffPoint& a, const TradeoffPoint& b) {
    return a.expert_loss <= b.expert_loss && a.load_max_over_mean <= b.load_max_over_mean &&
           (a.expert_loss < b.expert_loss || a.load_max_over_mean < b.load_max_over_mean);
  };
  std::vector<std::size_t> front;
  for (std::size_t i = 0; i < points.size(); ++i) {
    bool dominated = false;
    for (std::size_t j = 0; j < points.size() && !dominated; ++j) dominated = j != i && dominates(points[j], points[i]);
    if (!dominated) front.push_back(i);
  }
  return front;
}

}  // namespace routelab
