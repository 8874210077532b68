#pragma once
// `phase`: the bit-packed phase router (spec §2) as a simulator router. Each batch of B tokens
// becomes the rectangular operator with s_i = the experts token i may use (all E by default, or
// `eligible_experts`) and t_j = expert j's capacity for the batch (the engine's capacity factor x
// B k / E, weighted by speed, capped at B; without a capacity factor ceil(B k / E x weight)).
// Params: reseed = per_batch (default: seed derived from (seed, batch index)) | fixed (one seed for
// the run); eligible_experts = 1..E; expert_order = permuted (default: the experts' arcs are laid
// on the token ring in a seeded order, fresh every batch under per_batch) | given; capacity_arcs =
// spread (default: evenly spaced arc starts, so the surplus candidates fall on every expert alike)
// | end_to_end (spec §1 step 2). Both defaults remove the seed-independent bias of the tiling,
// where the experts on the extra lap lose load in every batch (docs/phase-router.md). A batch that carries row degrees (TokenBatch::row_degrees)
// sets s_i per token instead (kAllExperts: eligible_experts). Tokens with fewer than k candidates
// get fewer assignments: the fill ratio in every summary shows it.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "routers/phase/phase_operator.hpp"
#include "core/router.hpp"
#include "routers/router_config.hpp"

namespace routelab::phase {

enum class PhaseReseed { per_batch, fixed };

// The T degrees of a batch of `batch` tokens: expert j's capacity from the engine where it has one
// (expert_capacity[j] below INT32_MAX), else its fair share by the engine's rule at factor 1
// (core/batch_capacity.hpp: ceil(batch k / experts x speed / mean speed));
// capped at `batch` (an arc covers at most the whole token ring). `phase` routes every batch with
// these; `learned_seed` uses the same, so both see the same arcs.
std::vector<std::int64_t> batch_capacities(std::int64_t batch, std::int64_t k, int experts,
                                           std::span<const std::int32_t> expert_capacity,
                                           std::span<const double> expert_speed);

class PhaseRouter : public Router {
 public:
  explicit PhaseRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;

  // How the experts' capacity arcs are laid (from expert_order and capacity_arcs).
  CapacityArcLayout arc_layout() const { return layout_; }
  // The T degrees (expert capacities in tokens) used for a batch of `batch_size` tokens.
  std::vector<std::int64_t> batch_capacities(const RoutingRequest& request) const;
  // The S degrees of a batch: its row degrees when it carries them, else eligible_experts for all.
  // Throws ConfigError("row_degrees") for a wrong count or a degree outside 0..E.
  void row_degrees(const RoutingRequest& request, std::vector<std::int64_t>& s) const;

 private:
  std::uint64_t seed_;
  PhaseReseed reseed_;
  std::int64_t eligible_experts_;  // 0: all
  CapacityArcLayout layout_;
  std::vector<double> expert_speed_;  // one per expert (empty: all equal)
  std::optional<PhaseOperator> fixed_operator_;  // reused under reseed = fixed while B and t hold
  std::vector<std::int64_t> s_, t_, fixed_s_;
};

std::unique_ptr<Router> make_phase_router(const RouterConfig& config);

}  // namespace routelab::phase
