#include "routers/expert_choice/expert_choice_router.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace routelab {

namespace {

// 1: the paper's headline setting (each expert takes B k / E tokens, as many as top-k would give it on average).
constexpr double kDefaultCapacityFactor = 1.0;

}  // namespace

std::vector<std::vector<std::size_t>> expert_choices(std::span<const double> affinity, std::size_t tokens, int experts,
                                                     std::size_t c) {
  c = std::min(c, tokens);
  const auto e_count = static_cast<std::size_t>(experts);
  std::vector<std::vector<std::size_t>> chosen(e_count);
  std::vector<std::size_t> order(tokens);
  for (std::size_t e = 0; e < e_count; ++e) {
    std::iota(order.begin(), order.end(), 0);
    const auto score = [&](std::size_t t) { return affinity[t * e_count + e]; };
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(c), order.end(),
                      [&](std::size_t a, std::size_t b) { return score(a) > score(b) || (score(a) == score(b) && a < b); });
    chosen[e].assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(c));
  }
  return chosen;
}

std::size_t expert_choice_capacity(double capacity_factor, std::size_t tokens, int k, int experts) {
  const double c = std::ceil(capacity_factor * static_cast<double>(tokens) * k / experts - 1e-9);
  return std::min(tokens, static_cast<std::size_t>(std::max(0.0, c)));
}

ExpertChoiceRouter::ExpertChoiceRouter(const RouterConfig& config)
    : affinity_(config.seed), capacity_factor_(config.params.get_double("capacity_factor", kDefaultCapacityFactor)) {}

int ExpertChoiceRouter::max_depth(int k, int num_experts) const {
  (void)k;
  return num_experts;  // a token may be chosen by every expert
}

void ExpertChoiceRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  const std::size_t n = request.batch.tokens.size();
  const auto experts = static_cast<std::size_t>(request.num_experts);
  scores_.resize(n * experts);
  for (std::size_t i = 0; i < n; ++i) affinity_.scores(request.batch, i, std::span(scores_).subspan(i * experts, experts));
  const auto chosen = expert_choices(scores_, n, request.num_experts,
                                     expert_choice_capacity(capacity_factor_, n, request.k, request.num_experts));
  // Per token, the experts that took it, best affinity first (ties to the lower expert).
  std::vector<std::vector<ExpertId>> taken_by(n);
  for (std::size_t e = 0; e < experts; ++e)
    for (const std::size_t t : chosen[e]) taken_by[t].push_back(static_cast<ExpertId>(e));
  const auto depth = static_cast<std::size_t>(request.depth);
  const auto k = static_cast<std::size_t>(request.k);
  untaken_ = 0;
  beyond_k_ = 0;
  for (std::size_t t = 0; t < n; ++t) {
    auto& experts_of = taken_by[t];
    if (experts_of.empty()) ++untaken_;
    if (experts_of.size() > k) beyond_k_ += experts_of.size() - k;
    const double* row = scores_.data() + t * experts;
    std::sort(experts_of.begin(), experts_of.end(),
              [&](ExpertId a, ExpertId b) { return row[a] > row[b] || (row[a] == row[b] && a < b); });
    std::copy_n(experts_of.begin(), std::min(depth, experts_of.size()), out.begin() + static_cast<std::ptrdiff_t>(t * depth));
  }
}

std::unique_ptr<Router> make_expert_choice_router(const RouterConfig& config) {
  return std::make_unique<ExpertChoiceRouter>(config);
}

const ParamSchema& expert_choice_parameters() {
  static const ParamSchema schema{
      {.name = "capacity_factor",
       .type = ParamType::number,
       .default_value = number_text(kDefaultCapacityFactor),
       .min = 0,
       .max = 64,
       .min_exclusive = true,
       .meaning = "each expert takes ceil(capacity_factor * B k / E) tokens of the batch"},
  };
  return schema;
}

}  // namespace routelab
