#pragma once
// Bursty arrivals: gaps between batches drawn from a Gamma distribution with a given mean and
// coefficient of variation (shape 1/cv^2, scale mean*cv^2). cv = 1 is Poisson; cv > 1 clusters
// batches into bursts separated by long quiet spells, at the same mean rate.
#include "core/rng_streams.hpp"

namespace routelab {

class GammaGaps {
 public:
  GammaGaps(double mean, double cv);  // both > 0
  double draw(RngEngine& rng) const;
  double shape() const { return shape_; }
  double scale() const { return scale_; }

 private:
  double shape_;
  double scale_;
};

}  // namespace routelab
