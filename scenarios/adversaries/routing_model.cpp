#include "scenarios/adversaries/routing_model.hpp"

#include <algorithm>
#include <limits>
#include <vector>

#include "routers/common/keyed_expert_sequence.hpp"

namespace routelab {

namespace {

// Routers built on keyed_distinct_experts: the footprint is the first `size` draws for the key.
struct KnownKeyedRouter {
  const char* name;
  int (*footprint_size)(int k, int num_experts);
};

const KnownKeyedRouter kKnownRouters[] = {
    {"hash", [](int k, int) { return k; }},
    {"power_of_two", [](int k, int num_experts) { return std::min(num_experts, 2 * k); }},
};

class KeyedModel : public RoutingModel {
 public:
  KeyedModel(std::uint64_t seed, int num_experts, int size) : seed_(seed), num_experts_(num_experts), size_(size) {}
  int footprint_size() const override { return size_; }
  void footprint(std::uint64_t key, std::span<ExpertId> out) override {
    keyed_distinct_experts(seed_, key, num_experts_, out.first(static_cast<std::size_t>(size_)));
  }

 private:
  std::uint64_t seed_;
  int num_experts_;
  int size_;
};

class ReplayModel : public RoutingModel {
 public:
  ReplayModel(const RouterConfig& target, const RouterRegistry& registry)
      : router_(registry.create(target)),
        k_(target.k),
        num_experts_(target.num_experts),
        load_(static_cast<std::size_t>(target.num_experts), 0),
        capacity_(static_cast<std::size_t>(target.num_experts), std::numeric_limits<std::int32_t>::max()),
        token_(1) {}
  int footprint_size() const override { return k_; }
  void footprint(std::uint64_t key, std::span<ExpertId> out) override {
    token_[0] = Token{0, key, 0, -1};
    TokenBatch batch{0, 0, token_, 0, {}, 0, {}};
    RoutingRequest request{batch, k_, k_, num_experts_, load_, capacity_};
    std::fill(out.begin(), out.begin() + k_, kNoExpert);
    router_->route(request, out.first(static_cast<std::size_t>(k_)));
  }

 private:
  std::unique_ptr<Router> router_;
  int k_;
  int num_experts_;
  std::vector<std::int64_t> load_;
  std::vector<std::int32_t> capacity_;
  std::vector<Token> token_;
};

}  // namespace

std::unique_ptr<RoutingModel> make_routing_model(const RouterConfig& target, const RouterRegistry& registry) {
  for (const auto& known : kKnownRouters)
    if (target.name == known.name)
      return std::make_unique<KeyedModel>(target.seed, target.num_experts,
                                          known.footprint_size(target.k, target.num_experts));
  return make_replay_model(target, registry);
}

std::unique_ptr<RoutingModel> make_replay_model(const RouterConfig& target, const RouterRegistry& registry) {
  return std::make_unique<ReplayModel>(target, registry);
}

}  // namespace routelab
