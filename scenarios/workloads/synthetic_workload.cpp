#include "scenarios/workloads/synthetic_workload.hpp"

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>

namespace routelab {

SyntheticWorkload::SyntheticWorkload(const WorkloadSpec& spec, std::uint64_t master_seed, std::uint64_t replication)
    : spec_(spec), rng_(make_stream(master_seed, replication, "workload")) {
  if (spec_.keys == KeyDistribution::zipf) {
    zipf_cdf_.resize(spec_.vocabulary);
    double total = 0;
    for (std::uint64_t rank = 0; rank < spec_.vocabulary; ++rank) {
      total += std::pow(static_cast<double>(rank + 1), -spec_.zipf_s);
      zipf_cdf_[rank] = total;
    }
    for (double& c : zipf_cdf_) c /= total;
  }
}

std::uint64_t SyntheticWorkload::draw_key() {
  if (spec_.keys == KeyDistribution::uniform)
    return boost::random::uniform_int_distribution<std::uint64_t>(0, spec_.vocabulary - 1)(rng_);
  const double u = boost::random::uniform_real_distribution<double>(0.0, 1.0)(rng_);
  const auto it = std::upper_bound(zipf_cdf_.begin(), zipf_cdf_.end(), u);
  return static_cast<std::uint64_t>(std::min<std::ptrdiff_t>(it - zipf_cdf_.begin(), zipf_cdf_.size() - 1));
}

bool SyntheticWorkload::next_batch(TokenBatch& out) {
  std::int64_t size = spec_.batch_size;
  if (spec_.total_tokens > 0) {
    const auto left = spec_.total_tokens - static_cast<std::int64_t>(next_token_id_);
    if (left <= 0) return false;
    size = std::min(size, left);
  }
  if (batch_index_ > 0) {
    clock_ += spec_.arrival == ArrivalProcess::fixed
                  ? spec_.interval_ticks
                  : boost::random::exponential_distribution<double>(1.0 / spec_.interval_ticks)(rng_);
  }
  const auto tick = static_cast<Tick>(std::llround(clock_));
  tokens_.resize(static_cast<std::size_t>(size));
  for (Token& token : tokens_) token = Token{next_token_id_++, draw_key(), tick, -1};
  out = TokenBatch{tick, batch_index_++, tokens_, 0, {}};
  return true;
}

}  // namespace routelab
