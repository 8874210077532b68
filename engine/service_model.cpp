#include "engine/service_model.hpp"

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <algorithm>
#include <cmath>

#include "core/errors.hpp"
#include "engine/tick_limits.hpp"

namespace routelab {

Tick ServiceModel::sample(RngEngine& rng, double speed) const {
  double ticks = mean_ticks;
  switch (distribution) {
    case ServiceDistribution::deterministic:
      break;
    case ServiceDistribution::exponential:
      ticks = boost::random::exponential_distribution<double>(1.0 / mean_ticks)(rng);
      break;
    case ServiceDistribution::lognormal: {
      // Parameters of the underlying normal chosen so that the lognormal has the requested mean and cv.
      const double sigma2 = std::log1p(cv * cv);
      const double mu = std::log(mean_ticks) - 0.5 * sigma2;
      ticks = std::exp(mu + std::sqrt(sigma2) * boost::random::normal_distribution<double>(0.0, 1.0)(rng));
      break;
    }
  }
  // Validation bounds mean / speed; a far tail sample (or a lognormal with a huge cv) is cut at the
  // same bound so the clock never overflows and the rounding never sees infinity.
  return round_half_up_nonnegative(std::min(ticks / speed, static_cast<double>(kMaxServiceTicks)));
}

void ServiceModel::validate(const std::string& field) const {
  if (!(mean_ticks > 0.0) || !std::isfinite(mean_ticks) || mean_ticks > static_cast<double>(kMaxServiceTicks))
    throw ConfigError(field + ".mean_ticks", "expected a positive number of ticks, at most 2^40");
  if (distribution == ServiceDistribution::lognormal && (!(cv > 0.0) || !std::isfinite(cv)))
    throw ConfigError(field + ".cv", "expected a positive coefficient of variation");
}

ServiceDistribution parse_service_distribution(std::string_view name, const std::string& field) {
  if (name == "deterministic") return ServiceDistribution::deterministic;
  if (name == "exponential") return ServiceDistribution::exponential;
  if (name == "lognormal") return ServiceDistribution::lognormal;
  throw ConfigError(field, "expected one of deterministic, exponential, lognormal; got '" + std::string(name) + "'");
}

std::string_view to_string(ServiceDistribution distribution) {
  switch (distribution) {
    case ServiceDistribution::deterministic: return "deterministic";
    case ServiceDistribution::exponential: return "exponential";
    case ServiceDistribution::lognormal: return "lognormal";
  }
  return "?";
}

}  // namespace routelab
