#include "scenarios/workloads/bursty_arrivals.hpp"

#include <boost/random/gamma_distribution.hpp>

namespace routelab {

GammaGaps::GammaGaps(double mean, double cv) : shape_(1.0 / (cv * cv)), scale_(mean * cv * cv) {}

double GammaGaps::draw(RngEngine& rng) const {
  return boost::random::gamma_distribution<double>(shape_, scale_)(rng);
}

}  // namespace routelab
