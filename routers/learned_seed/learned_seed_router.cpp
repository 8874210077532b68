#include "routers/learned_seed/learned_seed_router.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "engine/simulation_config.hpp"
#include "routers/learned/embedding_check.hpp"
#include "routers/learned_seed/learned_seed_training.hpp"
#include "routers/learned_seed/ring_coverage.hpp"
#include "routers/learned_seed/seed_permutation.hpp"

namespace routelab {

namespace {

const std::vector<std::string> kParams = learned_router_params(
    {"seeds", "epochs", "learning_rate", "temperature", "balance_coef", "balance_on", "probe_limit"});

std::vector<double> speed_weights(const std::vector<double>& speed) {
  std::vector<double> weight;
  if (speed.empty()) return weight;
  const double mean = std::accumulate(speed.begin(), speed.end(), 0.0) / static_cast<double>(speed.size());
  for (double s : speed) weight.push_back(s / mean);
  return weight;
}

// k of `count` candidates, uniformly without replacement, from the token's own hash stream; the
// kept ones are written in increasing order.
void choose_candidates(std::span<const std::int32_t> candidates, int k, std::uint64_t key, ExpertId* out) {
  const auto count = static_cast<std::int64_t>(candidates.size());
  if (count <= k) {
    std::copy(candidates.begin(), candidates.end(), out);
    return;
  }
  std::vector<std::int32_t> ranks;  // Floyd's algorithm: exactly uniform k-subsets
  for (std::int64_t j = count - k; j < count; ++j) {
    const auto r = static_cast<std::int32_t>(
        reduce_to_range(mix64(key + static_cast<std::uint64_t>(j) * 0x9e3779b97f4a7c15ULL), static_cast<std::uint32_t>(j + 1)));
    ranks.push_back(std::find(ranks.begin(), ranks.end(), r) == ranks.end() ? r : static_cast<std::int32_t>(j));
  }
  std::sort(ranks.begin(), ranks.end());
  for (std::size_t c = 0; c < ranks.size(); ++c) out[c] = candidates[static_cast<std::size_t>(ranks[c])];
}

}  // namespace

std::vector<std::int64_t> ring_capacities(std::size_t batch_size, int k, std::span<const std::int32_t> capacity,
                                          std::span<const double> speed_weight) {
  const auto experts = capacity.size();
  const double fair_share = static_cast<double>(batch_size) * k / static_cast<double>(experts);
  std::vector<std::int64_t> t(experts);
  for (std::size_t j = 0; j < experts; ++j) {
    std::int64_t c = capacity[j];
    if (capacity[j] == std::numeric_limits<std::int32_t>::max()) {
      const double weight = speed_weight.empty() ? 1.0 : speed_weight[j];
      c = static_cast<std::int64_t>(std::ceil(fair_share * weight - 1e-9));
    }
    t[j] = std::clamp<std::int64_t>(c, 0, static_cast<std::int64_t>(batch_size));
  }
  return t;
}

LearnedSeedRouter::LearnedSeedRouter(const RouterConfig& config)
    : seed_(config.seed), speed_weight_(speed_weights(config.expert_speed)) {
  config.params.expect_only(config.name, kParams);
  const ModelReader reader(model_text(config), "learned_seed", config.num_experts);
  model_ = LearnedSeedModel::read(reader);
}

void LearnedSeedRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  require_embeddings(request.batch, model_.dim, "learned_seed");
  const std::size_t n = request.batch.tokens.size();
  if (n == 0) return;
  const auto dim = static_cast<std::size_t>(model_.dim);
  seed_of_token_.resize(n);
  position_.resize(n);
  for (std::size_t i = 0; i < n; ++i) seed_of_token_[i] = model_.seed_of(request.batch.embeddings.subspan(i * dim, dim));
  const std::uint64_t batch_key = mix64(seed_ ^ mix64(request.batch.index + 0x6a09e667f3bcc909ULL));
  const PlacementCounts counts = placement_.place(model_, seed_of_token_, batch_key, position_);
  counts_.at_home += counts.at_home;
  counts_.fallback += counts.fallback;

  const RingCoverage coverage(ring_capacities(n, request.k, request.expert_capacity, speed_weight_),
                              static_cast<std::int32_t>(n));
  for (std::size_t i = 0; i < n; ++i) {
    coverage.candidates(position_[i], candidates_);
    choose_candidates(candidates_, request.k, mix64(batch_key ^ mix64(i)), out.data() + i * static_cast<std::size_t>(request.depth));
  }
}

std::unique_ptr<Router> make_learned_seed_router(const RouterConfig& config) {
  return std::make_unique<LearnedSeedRouter>(config);
}

TrainedModel train_learned_seed_router(const TrainingSet& set, const RouterConfig& config) {
  config.params.expect_only(config.name, kParams);
  SimulationConfig nominal;  // the engine's capacity rule for a batch of the scenario's size
  nominal.num_experts = set.experts;
  nominal.k = set.k;
  nominal.capacity_factor = config.capacity_factor;
  nominal.expert_speed = config.expert_speed;
  std::vector<std::int32_t> capacity;
  compute_batch_capacity(nominal, static_cast<std::size_t>(set.batch_size), capacity);
  const std::vector<double> weights = speed_weights(config.expert_speed);
  return train_learned_seed(set, ring_capacities(static_cast<std::size_t>(set.batch_size), set.k, capacity, weights),
                            seed_training_options(config.params));
}

}  // namespace routelab
