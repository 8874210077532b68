#include "cluster/group_limited_router.hpp"

#include <algorithm>
#include <string>

#include "core/errors.hpp"

namespace routelab::cluster {

GroupLimitedRouter::GroupLimitedRouter(std::unique_ptr<Router> inner, int num_experts, int groups, int max_groups)
    : inner_(std::move(inner)), max_groups_(max_groups) {
  if (groups < 1 || num_experts % groups != 0)
    throw ConfigError("cluster.expert_groups", "must divide the number of experts (" + std::to_string(num_experts) + ")");
  if (max_groups < 1 || max_groups > groups)
    throw ConfigError("cluster.max_groups_per_token", "expected 1..expert_groups (" + std::to_string(groups) + "), got " +
                                                          std::to_string(max_groups));
  group_size_ = num_experts / groups;
}

void GroupLimitedRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  const std::size_t tokens = request.batch.tokens.size();
  const int deep = std::max(request.depth, inner_->max_depth(request.k, request.num_experts));
  RoutingRequest inner_request = request;
  inner_request.depth = deep;
  ranking_.assign(tokens * static_cast<std::size_t>(deep), kNoExpert);
  inner_->route(inner_request, ranking_);
  for (std::size_t i = 0; i < tokens; ++i) {
    admitted_.clear();
    int written = 0;
    for (int j = 0; j < deep && written < request.depth; ++j) {
      const ExpertId expert = ranking_[i * deep + j];
      if (expert < 0) continue;
      const int group = group_of(expert);
      if (std::find(admitted_.begin(), admitted_.end(), group) == admitted_.end()) {
        if (static_cast<int>(admitted_.size()) == max_groups_) continue;
        admitted_.push_back(group);
      }
      // Kept choices move up in rank order: a fallback of an admitted group fills a dropped slot.
      const auto row = out.subspan(i * request.depth, written);
      if (std::find(row.begin(), row.end(), expert) == row.end()) out[i * request.depth + written++] = expert;
    }
  }
}

}  // namespace routelab::cluster
