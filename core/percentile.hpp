#pragma once
// The one percentile API. Two definitions, each named for what it is, because both are needed:
// - nearest rank (a value that occurred: latency and window percentiles, the queueing oracles'
//   convention), and
// - linear interpolation between order statistics (numpy.percentile's default, the published
//   phase router's statistics), with the median its q = 0.5 case: the mean of the two middle
//   values for an even count, never the lower one.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace routelab {

// The nearest rank (1-based) of quantile q in [0, 1] among n >= 1 sorted values: ceil(q n), at least 1.
std::size_t nearest_rank(double q, std::size_t n);

// Nearest-rank percentile (q in [0, 1]) of unsorted values; reorders a copy. 0 for an empty input.
std::int64_t percentile(std::vector<std::int64_t> values, double q);
double percentile(std::vector<double> values, double q);

// Linearly interpolated percentile (q in [0, 1]) as numpy.percentile(values, 100 q). 0 when empty.
double interpolated_percentile(std::vector<double> values, double q);

// The median: interpolated_percentile(values, 0.5).
double median(std::vector<double> values);

}  // namespace routelab
