#include "engine/latency_distribution.hpp"

#include <algorithm>

#include "engine/metrics.hpp"

namespace routelab {

LatencyFigures LatencyDistribution::figures() const {
  LatencyFigures f;
  f.count = count();
  if (f.count == 0) return f;
  if (mode_ == PercentileMode::histogram) {
    f.mean = histogram_.mean();
    f.p50 = histogram_.quantile(0.50);
    f.p95 = histogram_.quantile(0.95);
    f.p99 = histogram_.quantile(0.99);
    f.max = histogram_.max();
    return f;
  }
  std::vector<std::int64_t> sorted = exact_;
  std::sort(sorted.begin(), sorted.end());
  auto rank = [&](double q) { return sorted[nearest_rank(q, sorted.size()) - 1]; };
  f.mean = static_cast<double>(exact_sum_) / static_cast<double>(sorted.size());
  f.p50 = rank(0.50);
  f.p95 = rank(0.95);
  f.p99 = rank(0.99);
  f.max = sorted.back();
  return f;
}

}  // namespace routelab
