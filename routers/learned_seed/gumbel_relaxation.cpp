#include "routers/learned_seed/gumbel_relaxation.hpp"

#include <algorithm>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <limits>

namespace routelab {

void gumbel_softmax(std::span<const double> logits, std::span<const double> noise, int choices, double temperature,
                    std::span<double> soft, std::span<double> hard) {
  const auto m = static_cast<std::size_t>(choices);
  const std::size_t rows = logits.size() / m;
  for (std::size_t i = 0; i < rows; ++i) {
    const std::size_t base = i * m;
    std::size_t best = 0;
    double top = -std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < m; ++c) {
      const double v = (logits[base + c] + noise[base + c]) / temperature;
      soft[base + c] = v;
      if (v > top) {
        top = v;
        best = c;
      }
    }
    double sum = 0;
    for (std::size_t c = 0; c < m; ++c) sum += (soft[base + c] = std::exp(soft[base + c] - top));
    for (std::size_t c = 0; c < m; ++c) {
      soft[base + c] /= sum;
      hard[base + c] = c == best ? 1.0 : 0.0;
    }
  }
}

void gumbel_softmax_backward(std::span<const double> soft, std::span<const double> upstream, int choices,
                             double temperature, std::span<double> logits_gradient) {
  const auto m = static_cast<std::size_t>(choices);
  const std::size_t rows = soft.size() / m;
  for (std::size_t i = 0; i < rows; ++i) {
    const std::size_t base = i * m;
    double expected = 0;
    for (std::size_t c = 0; c < m; ++c) expected += soft[base + c] * upstream[base + c];
    for (std::size_t c = 0; c < m; ++c)
      logits_gradient[base + c] = soft[base + c] * (upstream[base + c] - expected) / temperature;
  }
}

void draw_gumbel(RngEngine& rng, std::span<double> noise) {
  // u in [2^-53, 1 - 2^-53]: both logarithms stay finite.
  constexpr double kTiny = 1.0 / 9007199254740992.0;
  boost::random::uniform_01<double> uniform;
  for (double& g : noise) g = -std::log(-std::log(std::clamp(uniform(rng), kTiny, 1.0 - kTiny)));
}

double squared_cv(std::span<const double> loads, std::span<double> gradient) {
  const auto e = static_cast<double>(loads.size());
  double mean = 0;
  for (double l : loads) mean += l;
  mean /= e;
  if (!(mean > 0)) {
    for (double& g : gradient) g = 0;
    return 0;
  }
  double variance = 0;
  for (double l : loads) variance += (l - mean) * (l - mean);
  variance /= e;
  // d(var/mean^2)/dL_j = (2/E)(L_j - mean)/mean^2 - 2 var/mean^3 * (1/E).
  for (std::size_t j = 0; j < gradient.size(); ++j)
    gradient[j] = 2.0 / e * (loads[j] - mean) / (mean * mean) - 2.0 * variance / (mean * mean * mean) / e;
  return variance / (mean * mean);
}

}  // namespace routelab
