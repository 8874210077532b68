#pragma once
// The optimum of one run: what the best assignment of the very batches the router was handed
// would have scored, on the figures routers are judged by. A router decorator adds each batch
// (its tokens and the capacities that bind under the overflow policy) to the closed-form sums of
// batch_optimum.hpp without touching the routing, so trajectories and fingerprints are unchanged
// and memory does not grow with the run.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/router.hpp"
#include "scenarios/optimum/batch_optimum.hpp"

namespace routelab {

class QualityModel;

// Per-batch load bounds (max/mean) at which the best quality is computed on semantic scenarios:
// perfect balance, the usual capacity factor, and a loose bound, to draw the frontier.
inline constexpr double kQualityLoadBounds[] = {1.0, 1.25, 2.0};

struct QualityAtBound {
  double load_bound = 0;       // no expert above ceil(load_bound x B k / E) in any batch
  double expert_loss_mean = 0;  // the smallest mean expert loss of plans that fill every slot so
};

struct OptimumSummary {
  std::int64_t batches = 0;
  std::int64_t slot_count = 0;  // tokens x min(k, eligible experts), summed over the run
  std::int64_t max_load = 0;  // the smallest achievable busiest-expert total over the run
  std::int64_t served = 0;    // the most assignments the batches' capacities accept
  double load_max_over_mean = 0;  // max_load / (slot_count / experts): the routers' load_max_over_mean, at fill 1
  double fill_ratio = 0;          // served / slot_count: compare with a router's fill x (1 - drop rate)
  std::vector<QualityAtBound> quality = {};  // semantic scenarios: the best quality at each bound
};

class OptimumRecorder : public Router {
 public:
  // `capacity_binds`: the overflow policy refuses assignments over a batch's capacity (drop,
  // next_choice); under `queue` nothing is refused, so the served optimum is every slot.
  // `quality` (may be null, must outlive the recorder): on a semantic scenario, each batch's best
  // quality at kQualityLoadBounds is solved as the batch is routed.
  OptimumRecorder(std::unique_ptr<Router> inner, bool capacity_binds, const QualityModel* quality = nullptr);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;
  void observe(std::span<const std::int64_t> expert_load) override { inner_->observe(expert_load); }
  int max_depth(int k, int num_experts) const override { return inner_->max_depth(k, num_experts); }

  // The run's optimum, over every batch recorded so far.
  OptimumSummary summary(int experts) const;

 private:
  void record_quality(const RoutingRequest& request);

  std::unique_ptr<Router> inner_;
  bool capacity_binds_;
  std::int64_t batches_ = 0;
  std::int64_t slot_count_ = 0;
  std::int64_t served_ = 0;
  const QualityModel* quality_;
  std::vector<int> specialty_of_;
  std::vector<double> losses_;        // this batch, tokens x specialties
  std::vector<double> loss_sums_;     // per bound of kQualityLoadBounds, over the run
  std::int64_t quality_slots_ = 0;
};

}  // namespace routelab
