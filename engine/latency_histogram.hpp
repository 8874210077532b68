#pragma once
// A mergeable log-bucketed histogram of non-negative integer latencies (ticks), in the manner of
// HdrHistogram: values below 2^(kSubBucketBits+1) have a bucket each (exact); above, each power of
// two [2^e, 2^(e+1)) is cut into 2^kSubBucketBits equal buckets. A quantile is reported as the
// middle of its bucket, so it is off by at most half a bucket width: a relative error of at most
// 2^-(kSubBucketBits+1) = 1/256 < 0.4%, within the stated 0.5%. Memory is fixed (64 KiB at most),
// whatever the number of values; two histograms merge by adding their counts.
#include <cstdint>
#include <vector>

namespace routelab {

class LatencyHistogram {
 public:
  static constexpr int kSubBucketBits = 7;
  static constexpr double kMaxRelativeError = 1.0 / (1 << (kSubBucketBits + 1));

  void add(std::int64_t value);  // value >= 0 (negatives count as 0)
  void merge(const LatencyHistogram& other);

  std::int64_t count() const { return count_; }
  std::int64_t min() const { return min_; }
  std::int64_t max() const { return max_; }
  double mean() const { return count_ > 0 ? static_cast<double>(sum_) / static_cast<double>(count_) : 0.0; }
  // Nearest-rank quantile (q in [0, 1]) within kMaxRelativeError, clamped to [min, max]; exact
  // below 256 ticks. 0 when empty.
  std::int64_t quantile(double q) const;

  static std::size_t bucket_of(std::int64_t value);
  static std::int64_t bucket_low(std::size_t bucket);   // smallest value in the bucket
  static std::int64_t bucket_high(std::size_t bucket);  // largest value in the bucket
  // The buckets in use, for exporting the histogram (buckets past the largest value are absent).
  std::size_t buckets() const { return counts_.size(); }
  std::int64_t count_in(std::size_t bucket) const { return bucket < counts_.size() ? counts_[bucket] : 0; }

 private:
  std::vector<std::int64_t> counts_;
  std::int64_t count_ = 0;
  std::int64_t sum_ = 0;  // exact, for the mean
  std::int64_t min_ = 0;
  std::int64_t max_ = 0;
};

}  // namespace routelab
