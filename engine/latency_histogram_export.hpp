#pragma once
// Collects one run's token latencies into a LatencyHistogram (fixed memory) and writes its
// non-empty buckets as CSV rows (no header), each led by the caller's run-key values. The values
// are the ones the summary's latency percentiles are computed from (arrival to the last accepted
// assignment's completion; tokens with every assignment dropped have none), so a percentile read
// from the buckets agrees with the summary's within LatencyHistogram::kMaxRelativeError.
#include <filesystem>
#include <string>

#include "engine/atomic_output_file.hpp"
#include "engine/latency_histogram.hpp"
#include "engine/token_outcome.hpp"

namespace routelab {

class LatencyHistogramExport : public TokenObserver {
 public:
  LatencyHistogramExport(const OutputFileName& path, std::string key_values);

  void on_token(const TokenOutcome& outcome) override;
  void commit();  // writes the buckets, closes and renames the file into place; throws IoError

  // A bucket holds the latencies low_tick..high_tick (both included).
  static constexpr const char* kColumns = "low_tick,high_tick,count";

 private:
  std::string key_values_;
  AtomicOutputFile file_;
  LatencyHistogram histogram_;
};

}  // namespace routelab
