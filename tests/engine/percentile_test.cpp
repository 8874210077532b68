// The one percentile API: nearest rank returns a value that occurred (ceil(q n)-th smallest), the
// interpolated percentile matches numpy.percentile, and the median of an even count is the mean
// of the two middle values (the DeepSeek layer table's "median" was the lower one before).
#include <gtest/gtest.h>

#include "core/percentile.hpp"

namespace routelab {
namespace {

TEST(Percentile, NearestRankIsAnObservedValue) {
  EXPECT_EQ(percentile(std::vector<std::int64_t>{5, 1, 4, 2, 3}, 0.5), 3);
  EXPECT_EQ(percentile(std::vector<std::int64_t>{4, 1, 3, 2}, 0.5), 2);  // ceil(0.5 * 4) = 2nd
  EXPECT_EQ(percentile(std::vector<std::int64_t>{4, 1, 3, 2}, 0.99), 4);
  EXPECT_EQ(percentile(std::vector<std::int64_t>{}, 0.5), 0);
  EXPECT_EQ(nearest_rank(0.07, 100), 7u);  // 0.07 * 100 rounds to 7.000000000000001
  EXPECT_EQ(nearest_rank(0.0, 10), 1u);
}

TEST(Percentile, MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo) {
  EXPECT_DOUBLE_EQ(median({1.0, 4.0, 2.0, 3.0}), 2.5);
  EXPECT_DOUBLE_EQ(median({3.0, 1.0, 2.0}), 2.0);
  EXPECT_DOUBLE_EQ(median({7.0}), 7.0);
}

TEST(Percentile, InterpolatedMatchesNumpy) {
  EXPECT_DOUBLE_EQ(interpolated_percentile({1, 2, 3, 4}, 0.95), 3.85);  // numpy.percentile(.., 95)
  EXPECT_DOUBLE_EQ(interpolated_percentile({1, 2, 3, 4}, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(interpolated_percentile({}, 0.5), 0.0);
}

}  // namespace
}  // namespace routelab
