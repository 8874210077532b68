// ZipfKeys draws through a guide table; every draw must be the rank that a plain binary search
// over the whole CDF gives for the same uniform number (the workload stream, and with it every
// golden fingerprint, must not move). Checked against that trivially correct twin over many seeds,
// vocabularies (1 and 2 included) and exponents.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>
#include <vector>

#include "core/rng_streams.hpp"
#include "scenarios/workloads/zipf_keys.hpp"

namespace routelab {
namespace {

std::uint64_t reference_draw(const std::vector<double>& cdf, RngEngine& rng) {
  const double u = boost::random::uniform_real_distribution<double>(0.0, 1.0)(rng);
  const auto it = std::upper_bound(cdf.begin(), cdf.end(), u);
  return static_cast<std::uint64_t>(std::min<std::ptrdiff_t>(it - cdf.begin(), std::ssize(cdf) - 1));
}

std::vector<double> reference_cdf(std::uint64_t vocabulary, double exponent) {
  std::vector<double> cdf(vocabulary);
  double total = 0;
  for (std::uint64_t rank = 0; rank < vocabulary; ++rank) {
    total += std::pow(static_cast<double>(rank + 1), -exponent);
    cdf[rank] = total;
  }
  for (double& c : cdf) c /= total;
  return cdf;
}

TEST(ZipfGuideTable, SameRankAsABinarySearchOverTheWholeCdf) {
  for (const std::uint64_t vocabulary : {1ull, 2ull, 3ull, 17ull, 1000ull, 50257ull}) {
    for (const double exponent : {0.0, 0.8, 1.2, 3.0}) {
      const std::vector<double> cdf = reference_cdf(vocabulary, exponent);
      ZipfKeys keys(vocabulary, exponent);
      for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        RngEngine a(seed), b(seed);
        for (int i = 0; i < 20000; ++i)
          ASSERT_EQ(keys.draw(a), reference_draw(cdf, b)) << vocabulary << " " << exponent << " " << seed << " " << i;
      }
    }
  }
}

// draw_many handles its draws in groups (uniforms first, then the lookups); it must give the same
// ranks from the same generator, and leave the generator where the one-at-a-time draws leave it,
// for any count: groups that are full, partial, single, or none.
TEST(ZipfGuideTable, DrawManyEqualsOneDrawAtATime) {
  for (const std::uint64_t vocabulary : {1ull, 5ull, 50257ull}) {
    for (const double exponent : {0.0, 0.8, 1.2}) {
      const std::vector<double> cdf = reference_cdf(vocabulary, exponent);
      ZipfKeys keys(vocabulary, exponent);
      RngEngine a(vocabulary), b(vocabulary);
      for (const std::size_t count : {0, 1, 31, 32, 33, 64, 512, 1000}) {
        std::vector<std::uint64_t> many(count);
        keys.draw_many(a, many);
        for (std::size_t i = 0; i < count; ++i)
          ASSERT_EQ(many[i], reference_draw(cdf, b)) << vocabulary << " " << exponent << " " << count << " " << i;
        ASSERT_EQ(a(), b()) << "the generators parted after " << count << " draws";
      }
    }
  }
}

}  // namespace
}  // namespace routelab
