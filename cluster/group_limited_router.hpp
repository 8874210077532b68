#pragma once
// Group-limited routing (DeepSeek-V3's node-limited routing) as a wrapper around any router: a
// token's experts come from at most `max_groups` expert groups (expert e is in group
// e / (E / groups)). The inner router is asked for its deepest ranking; walking it in order, a
// token admits the groups of its best choices until it has `max_groups`, and keeps the experts of
// admitted groups only. With hierarchical EPLB a group never leaves its node, so a token's
// experts are then on at most `max_groups` nodes. A router that ranks only k experts can leave
// slots empty (the fill ratio shows it); one with a longer ranking fills them from admitted groups.
#include <memory>
#include <vector>

#include "core/router.hpp"

namespace routelab::cluster {

class GroupLimitedRouter : public Router {
 public:
  // Throws ConfigError unless 1 <= max_groups <= groups and groups divides num_experts.
  GroupLimitedRouter(std::unique_ptr<Router> inner, int num_experts, int groups, int max_groups);

  void route(const RoutingRequest& request, std::span<ExpertId> out) override;
  void observe(std::span<const std::int64_t> expert_load) override { inner_->observe(expert_load); }
  int max_depth(int k, int num_experts) const override { return inner_->max_depth(k, num_experts); }

  int group_of(ExpertId expert) const { return expert / group_size_; }

 private:
  std::unique_ptr<Router> inner_;
  int group_size_ = 1;
  int max_groups_ = 1;
  std::vector<ExpertId> ranking_;
  std::vector<int> admitted_;
};

}  // namespace routelab::cluster
