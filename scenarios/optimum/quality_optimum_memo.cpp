#include "scenarios/optimum/quality_optimum_memo.hpp"

#include <cstring>
#include <map>
#include <mutex>

#include "core/rng_streams.hpp"

namespace routelab {

namespace {

// 65,536 batches x bound: a few MB at most, and every batch of any library scenario's comparison.
constexpr std::size_t kMemoLimit = 1u << 16;

std::mutex& memo_mutex() {
  static std::mutex mutex;
  return mutex;
}

std::map<BatchDigest, double>& memo() {
  static std::map<BatchDigest, double> values;
  return values;
}

}  // namespace

BatchDigest digest_batch(std::span<const float> centres, std::span<const float> embeddings, int k, int experts,
                         std::int64_t bound) {
  BatchDigest d{mix64(0x6a09e667f3bcc908ULL ^ static_cast<std::uint64_t>(embeddings.size())),
                mix64(0xbb67ae8584caa73bULL ^ static_cast<std::uint64_t>(bound))};
  d.a = mix64(d.a ^ static_cast<std::uint64_t>(k) ^ (static_cast<std::uint64_t>(experts) << 32));
  const auto mix_in = [&d](std::span<const float> values) {
    for (const float x : values) {
      std::uint32_t bits;
      std::memcpy(&bits, &x, sizeof bits);
      d.a = mix64(d.a ^ bits);
      d.b = mix64(d.b + bits * 0x9e3779b97f4a7c15ULL);
    }
    d.a = mix64(d.a ^ values.size());
  };
  mix_in(centres);
  mix_in(embeddings);
  return d;
}

double memoized_quality_optimum(const BatchDigest& key, const std::function<double()>& solve) {
  {
    const std::lock_guard<std::mutex> lock(memo_mutex());
    if (const auto it = memo().find(key); it != memo().end()) return it->second;
  }
  const double value = solve();  // two threads may both solve one batch: same value, no harm
  const std::lock_guard<std::mutex> lock(memo_mutex());
  if (memo().size() >= kMemoLimit) memo().clear();
  memo().emplace(key, value);
  return value;
}

}  // namespace routelab
