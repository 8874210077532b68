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

std::uint64_t ZipfKeys::draw(RngEngine& rng) {
  const double u = boost::random::uniform_real_distribution<double>(0.0, 1.0)(rng);
  // The same rank as std::upper_bound over the whole CDF (the workload stream must not change),
  // searched only within the guide's bucket. The two loops restore the bucket's bounds should
  // rounding in u x G pick a neighbouring bucket: then every rank below lo has cdf <= u and the
  // rank at hi has cdf > u, which is all upper_bound on [lo, hi) needs to give the global answer.
  const std::size_t n = cdf_.size();
  const std::size_t j = std::min(static_cast<std::size_t>(u * static_cast<double>(n)), n - 1);
  std::size_t lo = guide_[j];
  std::size_t hi = guide_[j + 1];
  while (lo > 0 && cdf_[lo - 1] > u) --lo;
  while (hi < n && cdf_[hi] <= u) ++hi;
  const auto it = std::upper_bound(cdf_.begin() + static_cast<std::ptrdiff_t>(lo),
                                   cdf_.begin() + static_cast<std::ptrdiff_t>(hi), u);
  return static_cast<std::uint64_t>(std::min<std::ptrdiff_t>(it - cdf_.begin(), std::ssize(cdf_) - 1));
}

double ZipfKeys::probability(std::uint64_t rank) const {
  if (rank >= cdf_.size()) return 0.0;
  return rank == 0 ? cdf_[0] : cdf_[rank] - cdf_[rank - 1];
}

}  // namespace routelab
