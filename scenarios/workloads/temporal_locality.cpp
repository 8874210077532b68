#include "scenarios/workloads/temporal_locality.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

namespace routelab {

TemporalLocalityKeys::TemporalLocalityKeys(std::unique_ptr<KeySampler> base, double reuse, int history)
    : base_(std::move(base)), reuse_(reuse), recent_(static_cast<std::size_t>(history)) {}

std::uint64_t TemporalLocalityKeys::draw(RngEngine& rng) {
  const double u = boost::random::uniform_real_distribution<double>(0.0, 1.0)(rng);
  std::uint64_t key = 0;
  if (filled_ > 0 && u < reuse_) {
    key = recent_[boost::random::uniform_int_distribution<std::size_t>(0, filled_ - 1)(rng)];
  } else {
    key = base_->draw(rng);
  }
  recent_[next_slot_] = key;
  next_slot_ = (next_slot_ + 1) % recent_.size();
  filled_ = std::min(filled_ + 1, recent_.size());
  return key;
}

}  // namespace routelab
