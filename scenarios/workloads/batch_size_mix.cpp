#include "scenarios/workloads/batch_size_mix.hpp"

#include <boost/random/uniform_real_distribution.hpp>

namespace routelab {

BatchSizeMix::BatchSizeMix(int decode_size, int prefill_size, double prefill_share)
    : decode_size_(decode_size), prefill_size_(prefill_size), prefill_share_(prefill_share) {}

int BatchSizeMix::draw(RngEngine& rng) const {
  const double u = boost::random::uniform_real_distribution<double>(0.0, 1.0)(rng);
  return u < prefill_share_ ? prefill_size_ : decode_size_;
}

double BatchSizeMix::mean_size() const {
  return prefill_share_ * prefill_size_ + (1.0 - prefill_share_) * decode_size_;
}

}  // namespace routelab
