#pragma once
// The dispatcher: asks the router where a batch's assignments go, then applies the overflow
// policy (drop, queue, next_choice) to each assignment in token order, handing each accepted one
// to its target (the simulation) at once -- the `queue` policy's buffer check must see the
// assignments placed before it. It owns the per-batch capacities and the router-visible count of
// outstanding assignments per expert, and tracks arrivals-above-capacity overload episodes.
#include <cstdint>
#include <span>
#include <vector>

#include "engine/expert_queues.hpp"
#include "engine/overload_tracker.hpp"
#include "engine/run_statistics.hpp"
#include "engine/simulation_config.hpp"
#include "core/router.hpp"

namespace routelab {

// Where the dispatcher places what it decides.
class DispatchTarget {
 public:
  virtual void accept(ExpertId expert, std::uint64_t token) = 0;
  virtual void overload_closed(const OverloadEvent& event) = 0;

 protected:
  ~DispatchTarget() = default;
};

// One token's outcome at dispatch.
struct TokenPlacement {
  std::int32_t assignments = 0;  // expert ids the router wrote in the first k columns
  std::int32_t accepted = 0;
};

class Dispatcher {
 public:
  // The router, the queues and the statistics must outlive the dispatcher.
  Dispatcher(const SimulationConfig& config, Router& router, const ExpertQueues& experts, RunStatistics& statistics);

  // Routes `batch`, whose first token has stream index `first_token`, at tick `now`. With
  // `record_placement`, placed() then holds tokens x k accepting experts (-1: dropped or not made).
  void dispatch(const TokenBatch& batch, std::uint64_t first_token, Tick now, DispatchTarget& target,
                bool record_placement);
  // After dispatch(): per token of the batch.
  std::span<const TokenPlacement> placements() const { return placements_; }
  std::span<const ExpertId> placed() const { return placed_; }

  // Shows the router the queues after the batch (Router::observe), once the sinks have seen it.
  void end_batch() { router_.observe(outstanding_); }
  // The router's view of the queues: an accepted assignment completed at `expert`.
  void completed(ExpertId expert) { --outstanding_[expert]; }
  // Closes the open arrivals-above-capacity episodes at the run's end.
  void close_overloads(Tick end, DispatchTarget& target) {
    capacity_overload_.close_all(end, [&](const OverloadEvent& event) { target.overload_closed(event); });
  }

 private:
  ExpertId choose(ExpertId primary, const ExpertId* row);

  const SimulationConfig& config_;
  Router& router_;
  const ExpertQueues& experts_;
  RunStatistics& statistics_;
  int depth_ = 1;  // route columns per token: k, or more under next_choice for the fallbacks
  OverloadTracker capacity_overload_;

  std::vector<std::int64_t> outstanding_;  // accepted and not completed, per expert
  // Per batch scratch.
  std::vector<ExpertId> routes_;
  std::vector<std::int32_t> capacity_;
  std::vector<std::int32_t> used_;
  std::vector<std::int64_t> batch_arrivals_;
  std::vector<ExpertId> taken_;
  std::vector<ExpertId> placed_;
  std::vector<TokenPlacement> placements_;
};

}  // namespace routelab
