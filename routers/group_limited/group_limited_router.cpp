#include "routers/group_limited/group_limited_router.hpp"

#include <algorithm>
#include <numeric>

#include "routers/router_registry.hpp"

namespace routelab {

namespace {

// DeepSeek-V3's deployment: 8 nodes, each token's experts on at most 4 of them; its gate is the
// aux-loss-free biased one, and its group score the sum of the two best experts.
constexpr std::int64_t kDefaultGroups = 8;
constexpr std::int64_t kDefaultMaxGroups = 4;
const char* const kDefaultInner = "aux_free_bias";

}  // namespace

GroupLimitedRouter::GroupLimitedRouter(const RouterConfig& config)
    : experts_(config.num_experts),
      groups_(static_cast<int>(std::min<std::int64_t>(config.params.get_int("groups", kDefaultGroups), config.num_experts))),
      max_groups_(static_cast<int>(config.params.get_int("max_groups", kDefaultMaxGroups))),
      top2_sum_(config.params.get_string("group_score", "top2_sum") == "top2_sum") {
  RouterConfig inner = config;
  inner.name = config.params.get_string("inner", kDefaultInner);
  inner.params = RouterParams{};
  inner_ = builtin_router_registry().create(inner);
  max_groups_ = std::min(max_groups_, groups_);
}

int GroupLimitedRouter::max_depth(int k, int num_experts) const {
  (void)k;
  return num_experts;  // fallbacks come from the chosen groups' experts
}

void GroupLimitedRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  const std::size_t n = request.batch.tokens.size();
  const auto experts = static_cast<std::size_t>(request.num_experts);
  ranking_.assign(n * experts, kNoExpert);
  RoutingRequest full = request;
  full.depth = request.num_experts;
  inner_->route(full, ranking_);
  const auto depth = static_cast<std::size_t>(request.depth);
  const auto groups = static_cast<std::size_t>(groups_);
  const int k = std::min(request.k, request.num_experts);
  for (std::size_t t = 0; t < n; ++t) {
    const ExpertId* rank = ranking_.data() + t * experts;
    // Group scores from rank positions: E for the inner router's first choice, E - 1 next, ...
    group_score_.assign(groups, 0.0);
    std::vector<int> counted(groups, 0);
    for (std::size_t r = 0; r < experts && rank[r] != kNoExpert; ++r) {
      const auto g = static_cast<std::size_t>(group_of(rank[r]));
      if (counted[g] < (top2_sum_ ? 2 : 1)) {
        group_score_[g] += static_cast<double>(experts - r);
        ++counted[g];
      }
    }
    group_order_.resize(groups);
    std::iota(group_order_.begin(), group_order_.end(), 0);
    std::stable_sort(group_order_.begin(), group_order_.end(),
                     [&](int a, int b) { return group_score_[static_cast<std::size_t>(a)] > group_score_[static_cast<std::size_t>(b)]; });
    // The M best groups, then more only if they hold fewer than k experts.
    group_chosen_.assign(groups, 0);
    int room = 0;
    for (std::size_t i = 0; i < groups && (static_cast<int>(i) < max_groups_ || room < k); ++i) {
      const int g = group_order_[i];
      group_chosen_[static_cast<std::size_t>(g)] = 1;
      room += static_cast<int>((static_cast<std::int64_t>(g + 1) * experts_ + groups_ - 1) / groups_ -
                               (static_cast<std::int64_t>(g) * experts_ + groups_ - 1) / groups_);
    }
    // The inner ranking, restricted to the chosen groups: top k, then fallbacks from the same groups.
    std::size_t written = 0;
    for (std::size_t r = 0; r < experts && written < depth && rank[r] != kNoExpert; ++r)
      if (group_chosen_[static_cast<std::size_t>(group_of(rank[r]))] != 0) out[t * depth + written++] = rank[r];
  }
}

std::unique_ptr<Router> make_group_limited_router(const RouterConfig& config) {
  return std::make_unique<GroupLimitedRouter>(config);
}

const ParamSchema& group_limited_parameters() {
  static const ParamSchema schema{
      {.name = "inner",
       .type = ParamType::choice,
       .default_value = kDefaultInner,
       .choices = {"aux_free_bias", "sinkhorn"},
       .meaning = "the scored router whose ranking is limited to the chosen groups (built with its defaults)"},
      {.name = "groups",
       .type = ParamType::integer,
       .default_value = std::to_string(kDefaultGroups),
       .min = 1,
       .max_is_experts = true,
       .meaning = "expert groups (devices or nodes): expert e is in group e * groups / E"},
      {.name = "max_groups",
       .type = ParamType::integer,
       .default_value = std::to_string(kDefaultMaxGroups),
       .min = 1,
       .max_is_experts = true,
       .meaning = "M: the groups a token's experts may span"},
      {.name = "group_score",
       .type = ParamType::choice,
       .default_value = "top2_sum",
       .choices = {"top2_sum", "max"},
       .meaning = "a group's score: its two best experts' (DeepSeek-V3) or its best expert's (DeepSeek-V2)"},
  };
  return schema;
}

}  // namespace routelab
