#pragma once
// The whole run's token latencies, as the summary's percentiles need them. By default a
// LatencyHistogram (fixed memory, percentiles within LatencyHistogram::kMaxRelativeError); in
// exact mode every value is kept and percentiles are exact nearest ranks -- what the queueing
// oracles and brute-force tests compare against, at 8 bytes per completed token.
#include <cstdint>
#include <vector>

#include "engine/latency_histogram.hpp"

namespace routelab {

enum class PercentileMode { histogram, exact };

struct LatencyFigures {
  std::int64_t count = 0;
  double mean = 0;
  std::int64_t p50 = 0;
  std::int64_t p95 = 0;
  std::int64_t p99 = 0;
  std::int64_t max = 0;
};

class LatencyDistribution {
 public:
  explicit LatencyDistribution(PercentileMode mode) : mode_(mode) {}

  void add(std::int64_t latency) {
    if (mode_ == PercentileMode::exact) {
      exact_.push_back(latency);
      exact_sum_ += latency;
    } else {
      histogram_.add(latency);
    }
  }
  std::int64_t count() const {
    return mode_ == PercentileMode::exact ? static_cast<std::int64_t>(exact_.size()) : histogram_.count();
  }
  LatencyFigures figures() const;

 private:
  PercentileMode mode_;
  LatencyHistogram histogram_;
  std::vector<std::int64_t> exact_;
  std::int64_t exact_sum_ = 0;
};

}  // namespace routelab
