#pragma once
// The one confidence-interval module (the comparison over replications, `routelab report`):
// mean +- t(0.975, n-1) * s / sqrt(n) with Student's t, and the same over paired differences (two
// routers on the same replications see the same token stream, so their difference varies far less
// than either alone). Below two values there is no interval: the half-width is NaN (null in JSON).
#include <span>
#include <vector>

namespace routelab::results {

struct MeanInterval {
  double mean = 0;
  double half_width = 0;  // 95% CI half-width; NaN with fewer than 2 values
  int n = 0;
};

// Two-sided 95% Student t quantile, t(0.975, dof), dof >= 1.
double student_t_975(int degrees_of_freedom);
MeanInterval mean_interval(std::span<const double> values);
// CI of the mean of a[i] - b[i] (a and b the same length, paired by index).
MeanInterval paired_difference(std::span<const double> a, std::span<const double> b);

}  // namespace routelab::results
