#include "routers/phase/phase_router.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "core/batch_capacity.hpp"
#include "core/errors.hpp"
#include "routers/phase/phase_route.hpp"
#include "routers/phase/phase_rng.hpp"

namespace routelab::phase {

namespace {

PhaseReseed parse_reseed(const std::string& value) {
  if (value == "per_batch") return PhaseReseed::per_batch;
  if (value == "fixed") return PhaseReseed::fixed;
  throw ConfigError("router.reseed", "expected per_batch or fixed, got '" + value + "'");
}

bool parse_choice(const std::string& key, const std::string& value, const char* yes, const char* no) {
  if (value == yes) return true;
  if (value == no) return false;
  throw ConfigError("router." + key, std::string("expected ") + yes + " or " + no + ", got '" + value + "'");
}

}  // namespace

PhaseRouter::PhaseRouter(const RouterConfig& config)
    : seed_(config.seed), reseed_(PhaseReseed::per_batch), eligible_experts_(0),
      expert_speed_(config.expert_speed) {
  reseed_ = parse_reseed(config.params.get_string("reseed", "per_batch"));
  layout_.permuted_order =
      parse_choice("expert_order", config.params.get_string("expert_order", "permuted"), "permuted", "given");
  layout_.spread = parse_choice("capacity_arcs", config.params.get_string("capacity_arcs", "spread"), "spread", "end_to_end");
  eligible_experts_ = config.params.get_int("eligible_experts", config.num_experts);
  if (eligible_experts_ < 1 || eligible_experts_ > config.num_experts)
    throw ConfigError("router.eligible_experts", "expected 1.." + std::to_string(config.num_experts) +
                                                     " (the number of experts), got " + std::to_string(eligible_experts_));
}

std::vector<std::int64_t> batch_capacities(std::int64_t batch, std::int64_t k, int experts,
                                           std::span<const std::int32_t> expert_capacity,
                                           std::span<const double> expert_speed) {
  std::vector<std::int64_t> t(static_cast<std::size_t>(experts));
  const double mean_speed = mean_expert_speed(expert_speed);
  for (std::size_t j = 0; j < t.size(); ++j) {
    std::int64_t capacity = 0;
    if (j < expert_capacity.size() && expert_capacity[j] != std::numeric_limits<std::int32_t>::max()) {
      capacity = expert_capacity[j];
    } else {
      // No capacity factor: each expert's fair share of the batch's B k assignments, by speed.
      const double speed = expert_speed.empty() ? 1.0 : expert_speed[j];
      capacity = static_cast<std::int64_t>(speed_weighted_capacity(static_cast<std::size_t>(batch), static_cast<int>(k),
                                                                   experts, 1.0, speed, mean_speed));
    }
    t[j] = std::clamp<std::int64_t>(capacity, 0, batch);  // an arc covers at most the whole token ring
  }
  return t;
}

std::vector<std::int64_t> PhaseRouter::batch_capacities(const RoutingRequest& request) const {
  return phase::batch_capacities(static_cast<std::int64_t>(request.batch.tokens.size()), request.k,
                                 request.num_experts, request.expert_capacity, expert_speed_);
}

void PhaseRouter::row_degrees(const RoutingRequest& request, std::vector<std::int64_t>& s) const {
  const std::span<const std::int32_t> given = request.batch.row_degrees;
  const std::size_t batch = request.batch.tokens.size();
  if (given.empty()) {
    s.assign(batch, eligible_experts_);
    return;
  }
  if (given.size() != batch)
    throw ConfigError("row_degrees", "expected one degree per token (" + std::to_string(batch) + "), got " +
                                         std::to_string(given.size()));
  s.resize(batch);
  for (std::size_t i = 0; i < batch; ++i) {
    if (given[i] == kAllExperts) {
      s[i] = eligible_experts_;
    } else if (given[i] < 0 || given[i] > request.num_experts) {
      throw ConfigError("row_degrees", "token " + std::to_string(i) + " has degree " + std::to_string(given[i]) +
                                           "; expected 0.." + std::to_string(request.num_experts) +
                                           " (the number of experts) or kAllExperts");
    } else {
      s[i] = given[i];
    }
  }
}

void PhaseRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  const auto batch = static_cast<std::int64_t>(request.batch.tokens.size());
  if (batch == 0) return;
  row_degrees(request, s_);
  std::vector<std::int64_t> t = batch_capacities(request);
  PhaseOptions options;
  options.k = request.k;
  if (reseed_ == PhaseReseed::per_batch) {
    const PhaseOperator op(s_, t, batch_seed(seed_, request.batch.index), false, {}, layout_);
    route_operator(op, options, RouteTable{out.data(), request.depth});
    return;
  }
  if (!fixed_operator_ || fixed_operator_->rows() != batch || t != t_ || s_ != fixed_s_) {
    fixed_operator_.emplace(s_, t, seed_, false, std::span<const std::int32_t>{}, layout_);
    t_ = std::move(t);
    fixed_s_ = s_;
  }
  route_operator(*fixed_operator_, options, RouteTable{out.data(), request.depth});
}

std::unique_ptr<Router> make_phase_router(const RouterConfig& config) { return std::make_unique<PhaseRouter>(config); }

}  // namespace routelab::phase
