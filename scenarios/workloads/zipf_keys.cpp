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
}

std::uint64_t ZipfKeys::draw(RngEngine& rng) {
  const double u = boost::random::uniform_real_distribution<double>(0.0, 1.0)(rng);
  const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), u);
  return static_cast<std::uint64_t>(std::min<std::ptrdiff_t>(it - cdf_.begin(), std::ssize(cdf_) - 1));
}

double ZipfKeys::probability(std::uint64_t rank) const {
  if (rank >= cdf_.size()) return 0.0;
  return rank == 0 ? cdf_[0] : cdf_[rank] - cdf_[rank - 1];
}

}  // namespace routelab
