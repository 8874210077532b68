#include "scenarios/quality/mixture_token_source.hpp"

#include <algorithm>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>

namespace routelab {

SemanticSpace make_mixture_space(const MixtureSpec& spec, std::uint64_t master_seed) {
  RngEngine rng = make_stream(master_seed, 0, "semantic/centres");
  boost::random::normal_distribution<double> normal(0.0, spec.centre_spread);
  SemanticSpace space{spec.dim, spec.classes, {}};
  space.centres.resize(static_cast<std::size_t>(spec.dim) * static_cast<std::size_t>(spec.classes));
  for (float& x : space.centres) x = static_cast<float>(normal(rng));
  return space;
}

MixtureTokenSource::MixtureTokenSource(const MixtureSpec& spec, const SemanticSpace& space, int batch_size,
                                       std::int64_t total_tokens, std::uint64_t master_seed, std::uint64_t replication)
    : spec_(spec),
      space_(space),
      batch_size_(batch_size),
      total_tokens_(total_tokens),
      rng_(make_stream(master_seed, replication, "workload")) {
  double total = 0;
  for (int c = 0; c < spec_.classes; ++c) {
    total += std::pow(static_cast<double>(c + 1), -spec_.class_zipf_s);
    class_cdf_.push_back(total);
  }
  for (double& c : class_cdf_) c /= total;
}

bool MixtureTokenSource::next_batch(TokenBatch& out) {
  const auto left = total_tokens_ - static_cast<std::int64_t>(next_token_id_);
  if (left <= 0) return false;
  const auto size = static_cast<std::size_t>(std::min<std::int64_t>(batch_size_, left));
  const auto dim = static_cast<std::size_t>(spec_.dim);
  tokens_.resize(size);
  embeddings_.resize(size * dim);
  boost::random::uniform_real_distribution<double> uniform(0.0, 1.0);
  boost::random::normal_distribution<double> normal(0.0, spec_.noise);
  const auto tick = static_cast<Tick>(batch_index_);
  for (std::size_t i = 0; i < size; ++i) {
    const double u = uniform(rng_);
    const auto c = static_cast<std::int32_t>(
        std::min<std::ptrdiff_t>(std::upper_bound(class_cdf_.begin(), class_cdf_.end(), u) - class_cdf_.begin(),
                                 spec_.classes - 1));
    tokens_[i] = Token{next_token_id_++, static_cast<std::uint64_t>(c), tick, c};
    const auto centre = space_.centre(c);
    for (std::size_t j = 0; j < dim; ++j) embeddings_[i * dim + j] = centre[j] + static_cast<float>(normal(rng_));
  }
  out = TokenBatch{tick, batch_index_++, tokens_, spec_.dim, embeddings_};
  return true;
}

}  // namespace routelab
