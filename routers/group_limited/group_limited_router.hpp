#pragma once
// `group_limited`: device- and node-limited routing of DeepSeek-V2 (DeepSeek-AI 2024,
// arXiv:2405.04434, §2.1.3) and DeepSeek-V3 (arXiv:2412.19437, §2.1.2): the experts are split into
// G groups (the devices or nodes holding them, experts e G / E contiguous), a token first picks its
// M best groups and then its top k among the experts of those groups only, so its all-to-all
// traffic reaches at most M devices. It wraps a scored router (`inner`, whose full ranking of the
// experts is the score order): a group's score is its best expert's (V2) or the sum of its two best
// (V3), counted from the inner ranking (E for the first expert, E - 1 for the next, ...).
// Defining property: a token's experts never span more than M groups (when k fits in M groups;
// otherwise the fewest groups that hold k experts). A stateful inner router (aux_free_bias) learns
// from its own unconstrained top-k, not from the group-limited choice.
#include <memory>
#include <string>
#include <vector>

#include "core/router.hpp"
#include "routers/router_config.hpp"
#include "routers/router_parameters.hpp"

namespace routelab {

class GroupLimitedRouter : public Router {
 public:
  explicit GroupLimitedRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;
  void observe(std::span<const std::int64_t> expert_load) override { inner_->observe(expert_load); }
  int max_depth(int k, int num_experts) const override;

  int group_of(ExpertId e) const { return static_cast<int>(static_cast<std::int64_t>(e) * groups_ / experts_); }
  int groups() const { return groups_; }
  int max_groups() const { return max_groups_; }

 private:
  std::unique_ptr<Router> inner_;
  int experts_;
  int groups_;
  int max_groups_;
  bool top2_sum_;
  std::vector<ExpertId> ranking_;     // tokens x E, the inner router's full ranking
  std::vector<double> group_score_;
  std::vector<int> group_order_;
  std::vector<char> group_chosen_;
};

std::unique_ptr<Router> make_group_limited_router(const RouterConfig& config);
const ParamSchema& group_limited_parameters();

}  // namespace routelab
