#include "engine/latency_histogram_export.hpp"

namespace routelab {

LatencyHistogramExport::LatencyHistogramExport(const OutputFileName& path, std::string key_values)
    : key_values_(std::move(key_values)), file_(path) {}

void LatencyHistogramExport::on_token(const TokenOutcome& outcome) {
  if (outcome.dropped < outcome.assignments) histogram_.add(outcome.finished - outcome.arrival);
}

void LatencyHistogramExport::commit() {
  auto& out = file_.stream();
  for (std::size_t bucket = 0; bucket < histogram_.buckets(); ++bucket) {
    const std::int64_t count = histogram_.count_in(bucket);
    if (count == 0) continue;
    out << key_values_ << LatencyHistogram::bucket_low(bucket) << ',' << LatencyHistogram::bucket_high(bucket) << ','
        << count << '\n';
  }
  file_.commit();
}

}  // namespace routelab
