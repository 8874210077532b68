#include "core/percentile.hpp"

#include <algorithm>
#include <cmath>

namespace routelab {

std::size_t nearest_rank(double q, std::size_t n) {
  // q * n is rounded and can land a hair above a whole rank (0.07 * 100 = 7.000000000000001); take
  // off a relative 1e-12, far below one rank for any n a run can hold, before rounding up.
  const double exact = std::clamp(q, 0.0, 1.0) * static_cast<double>(n);
  const auto rank = static_cast<std::size_t>(std::ceil(exact - exact * 1e-12));
  return std::clamp<std::size_t>(rank, 1, std::max<std::size_t>(n, 1));
}

namespace {
template <typename T>
T nearest_rank_value(std::vector<T> values, double q) {
  if (values.empty()) return T{};
  const std::size_t rank = nearest_rank(q, values.size());
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(rank - 1), values.end());
  return values[rank - 1];
}
}  // namespace

std::int64_t percentile(std::vector<std::int64_t> values, double q) { return nearest_rank_value(std::move(values), q); }
double percentile(std::vector<double> values, double q) { return nearest_rank_value(std::move(values), q); }

double interpolated_percentile(std::vector<double> values, double q) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const double position = std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  return values[below] + (position - static_cast<double>(below)) * (values[above] - values[below]);
}

double median(std::vector<double> values) { return interpolated_percentile(std::move(values), 0.5); }

}  // namespace routelab
