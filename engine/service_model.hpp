#pragma once
// Service-time models for expert servers. Times are whole ticks, rounded to nearest; a per-expert
// speed factor divides the sampled time (speed 2 serves twice as fast).
#include <string>
#include <string_view>

#include "core/rng_streams.hpp"
#include "core/types.hpp"

namespace routelab {

enum class ServiceDistribution { deterministic, exponential, lognormal };

struct ServiceModel {
  ServiceDistribution distribution = ServiceDistribution::deterministic;
  double mean_ticks = 1.0;
  double cv = 1.0;  // coefficient of variation; used by lognormal only

  Tick sample(RngEngine& rng, double speed) const;
  // std::llround for 0 <= x <= 2^40, without the library call (3% of a run); public for its
  // exactness test. Exact: below 2^52 a double's fraction x - trunc(x) is representable, so
  // comparing it with 0.5 decides as llround's half-away-from-zero does.
  static Tick round_half_up_nonnegative(double x) {
    const auto whole = static_cast<Tick>(x);
    return x - static_cast<double>(whole) >= 0.5 ? whole + 1 : whole;
  }
  void validate(const std::string& field) const;
};

ServiceDistribution parse_service_distribution(std::string_view name, const std::string& field);
std::string_view to_string(ServiceDistribution distribution);

}  // namespace routelab
