#include "engine/latency_histogram.hpp"

#include <algorithm>
#include <bit>

#include "engine/metrics.hpp"

namespace routelab {

namespace {
constexpr std::uint64_t kSubBuckets = std::uint64_t{1} << LatencyHistogram::kSubBucketBits;
// Values below this are their own bucket.
constexpr std::uint64_t kExactLimit = 2 * kSubBuckets;
}  // namespace

std::size_t LatencyHistogram::bucket_of(std::int64_t value) {
  const auto v = static_cast<std::uint64_t>(std::max<std::int64_t>(value, 0));
  if (v < kExactLimit) return static_cast<std::size_t>(v);
  const int exponent = static_cast<int>(std::bit_width(v)) - 1;  // v in [2^exponent, 2^(exponent+1)), exponent > kSubBucketBits
  const int shift = exponent - kSubBucketBits;
  const std::uint64_t sub = (v >> shift) - kSubBuckets;  // 0 .. kSubBuckets-1
  return static_cast<std::size_t>(kExactLimit + static_cast<std::uint64_t>(exponent - kSubBucketBits - 1) * kSubBuckets + sub);
}

std::int64_t LatencyHistogram::bucket_low(std::size_t bucket) {
  if (bucket < kExactLimit) return static_cast<std::int64_t>(bucket);
  const std::uint64_t above = bucket - kExactLimit;
  const int shift = static_cast<int>(above / kSubBuckets) + 1;
  const std::uint64_t sub = above % kSubBuckets;
  return static_cast<std::int64_t>((kSubBuckets + sub) << shift);
}

std::int64_t LatencyHistogram::bucket_high(std::size_t bucket) {
  if (bucket < kExactLimit) return static_cast<std::int64_t>(bucket);
  const int shift = static_cast<int>((bucket - kExactLimit) / kSubBuckets) + 1;
  return bucket_low(bucket) + (std::int64_t{1} << shift) - 1;
}

void LatencyHistogram::add(std::int64_t value) {
  value = std::max<std::int64_t>(value, 0);
  const std::size_t bucket = bucket_of(value);
  if (bucket >= counts_.size()) counts_.resize(bucket + 1, 0);
  ++counts_[bucket];
  min_ = count_ == 0 ? value : std::min(min_, value);
  max_ = count_ == 0 ? value : std::max(max_, value);
  ++count_;
  sum_ += value;
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  if (other.counts_.size() > counts_.size()) counts_.resize(other.counts_.size(), 0);
  for (std::size_t b = 0; b < other.counts_.size(); ++b) counts_[b] += other.counts_[b];
  min_ = count_ == 0 ? other.min_ : std::min(min_, other.min_);
  max_ = count_ == 0 ? other.max_ : std::max(max_, other.max_);
  count_ += other.count_;
  sum_ += other.sum_;
}

std::int64_t LatencyHistogram::quantile(double q) const {
  if (count_ == 0) return 0;
  const auto rank = static_cast<std::int64_t>(nearest_rank(q, static_cast<std::size_t>(count_)));
  std::int64_t seen = 0;
  for (std::size_t b = 0; b < counts_.size(); ++b) {
    seen += counts_[b];
    if (seen < rank) continue;
    const std::int64_t low = bucket_low(b);
    const std::int64_t middle = low + (bucket_high(b) - low) / 2;
    return std::clamp(middle, min_, max_);
  }
  return max_;
}

}  // namespace routelab
