#include "results/confidence_interval.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace routelab::results {

double student_t_975(int degrees_of_freedom) {
  return boost::math::quantile(boost::math::students_t(static_cast<double>(degrees_of_freedom)), 0.975);
}

MeanInterval mean_interval(std::span<const double> values) {
  MeanInterval result;
  result.n = static_cast<int>(values.size());
  if (values.empty()) return result;
  const double n = static_cast<double>(values.size());
  result.mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  if (values.size() < 2) {
    result.half_width = std::numeric_limits<double>::quiet_NaN();
    return result;
  }
  double squares = 0;
  for (double v : values) squares += (v - result.mean) * (v - result.mean);
  const double standard_error = std::sqrt(squares / (n - 1.0)) / std::sqrt(n);
  result.half_width = student_t_975(result.n - 1) * standard_error;
  return result;
}

MeanInterval paired_difference(std::span<const double> a, std::span<const double> b) {
  if (a.size() != b.size()) throw std::invalid_argument("paired_difference: the samples differ in length");
  std::vector<double> differences(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) differences[i] = a[i] - b[i];
  return mean_interval(differences);
}

}  // namespace routelab::results
