#include "scenarios/adversaries/victim_metrics.hpp"

#include <numeric>

#include "engine/metrics.hpp"
#include "scenarios/adversaries/adversary.hpp"

namespace routelab {

void VictimMetrics::on_token(const TokenOutcome& outcome) {
  if (is_adversary_token(outcome.id)) return;
  ++tokens_;
  assignments_ += outcome.assignments;
  dropped_ += outcome.dropped;
  if (outcome.dropped < outcome.assignments) latencies_.push_back(outcome.finished - outcome.arrival);
}

VictimFigures VictimMetrics::figures() const {
  VictimFigures f;
  f.tokens = tokens_;
  if (assignments_ > 0) f.drop_rate = static_cast<double>(dropped_) / static_cast<double>(assignments_);
  if (tokens_ > 0 && k_ > 0)
    f.fill_ratio = static_cast<double>(assignments_) / (static_cast<double>(tokens_) * static_cast<double>(k_));
  if (!latencies_.empty()) {
    f.latency_mean = static_cast<double>(std::accumulate(latencies_.begin(), latencies_.end(), std::int64_t{0})) /
                     static_cast<double>(latencies_.size());
    f.latency_p99 = percentile(latencies_, 0.99);
  }
  return f;
}

}  // namespace routelab
