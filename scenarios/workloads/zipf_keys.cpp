#include "scenarios/workloads/zipf_keys.hpp"

#include <algorithm>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>

namespace routelab {

ZipfKeys::ZipfKeys(std::uint64_t vocabulary, double exponent) : cdf_(vocabulary) {
  double total = 0;
  for (std::uint64_t rank = 0; rank < vocabulary; ++rank) {
    total += std::pow(static_cast<double>(rank + 1), -exponent);
    cdf_[rank] = total;
  }
  for (double& c : cdf_) c /= total;
  // Guide table (Chen and Asau's indexed search): guide_[j] = first rank whose cumulative
  // probability exceeds j / G, so a draw u in [j/G, (j+1)/G) only searches guide_[j]..guide_[j+1].
  const std::size_t buckets = cdf_.size();
  guide_.resize(buckets + 1);
  for (std::size_t j = 0; j <= buckets; ++j) {
    const double edge = static_cast<double>(j) / static_cast<double>(buckets);
    guide_[j] = static_cast<std::size_t>(std::upper_bound(cdf_.begin(), cdf_.end(), edge) - cdf_.begin());
  }
}

namespace {

double uniform01(RngEngine& rng) { return boost::random::uniform_real_distribution<double>(0.0, 1.0)(rng); }

// Draws handled together by draw_many: enough independent lookups in flight to hide the memory
// latency, few enough that their stage buffers stay on the stack.
constexpr std::size_t kDrawGroup = 32;

}  // namespace

std::size_t ZipfKeys::slice_of(double u) const {
  const std::size_t n = cdf_.size();
  return std::min(static_cast<std::size_t>(u * static_cast<double>(n)), n - 1);
}

std::uint64_t ZipfKeys::rank_of(double u, std::size_t slice) const {
  // The same rank as std::upper_bound over the whole CDF (the workload stream must not change),
  // searched only within the guide's bucket. The two loops restore the bucket's bounds should
  // rounding in u x G pick a neighbouring bucket: then every rank below lo has cdf <= u and the
  // rank at hi has cdf > u, which is all upper_bound on [lo, hi) needs to give the global answer.
  const std::size_t n = cdf_.size();
  std::size_t lo = guide_[slice];
  std::size_t hi = guide_[slice + 1];
  while (lo > 0 && cdf_[lo - 1] > u) --lo;
  while (hi < n && cdf_[hi] <= u) ++hi;
  const auto it = std::upper_bound(cdf_.begin() + static_cast<std::ptrdiff_t>(lo),
                                   cdf_.begin() + static_cast<std::ptrdiff_t>(hi), u);
  return static_cast<std::uint64_t>(std::min<std::ptrdiff_t>(it - cdf_.begin(), std::ssize(cdf_) - 1));
}

std::uint64_t ZipfKeys::draw(RngEngine& rng) {
  const double u = uniform01(rng);
  return rank_of(u, slice_of(u));
}

// The tables are larger than the cache and each draw lands at a random place in them, so one
// draw at a time waits for two cache misses in turn (guide, then CDF). Here a group's uniforms are
// drawn first (the generator sees the same calls in the same order as with draw()), then every
// guide entry and every CDF entry is requested before any is needed.
void ZipfKeys::draw_many(RngEngine& rng, std::span<std::uint64_t> out) {
  double u[kDrawGroup];
  std::size_t slice[kDrawGroup];
  for (std::size_t start = 0; start < out.size(); start += kDrawGroup) {
    const std::size_t count = std::min(kDrawGroup, out.size() - start);
    for (std::size_t i = 0; i < count; ++i) {
      u[i] = uniform01(rng);
      slice[i] = slice_of(u[i]);
      __builtin_prefetch(&guide_[slice[i]]);
    }
    for (std::size_t i = 0; i < count; ++i) __builtin_prefetch(&cdf_[guide_[slice[i]]]);
    for (std::size_t i = 0; i < count; ++i) out[start + i] = rank_of(u[i], slice[i]);
  }
}

double ZipfKeys::probability(std::uint64_t rank) const {
  if (rank >= cdf_.size()) return 0.0;
  return rank == 0 ? cdf_[0] : cdf_[rank] - cdf_[rank - 1];
}

}  // namespace routelab
