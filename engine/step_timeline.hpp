#pragma once
// A deployment that gives the run its clock (cluster/, docs/cluster.md "The step timeline"). With
// one, each batch is one synchronous expert-parallel step: it is dispatched when it arrives or,
// when the deployment is still busy with the previous step, when that step ends (later batches
// wait: the latency they see includes it). Each accepted assignment stays at its expert until its
// GPU has computed it, and every token of the step completes when the step ends (the combine
// all-to-all is the step's last phase). The service model of [experts.service] is not used.
#include <span>
#include <vector>

#include "core/types.hpp"

namespace routelab {

class StepTimeline {
 public:
  // Once per dispatched batch, at tick `start` (its dispatch: the batch's tick or a later step's
  // end), with `placed` as MetricsSink::on_batch_placed has it (tokens x k, -1: none). Fills
  // `done` (same layout) with the ticks from dispatch until each accepted assignment's GPU has
  // computed it (>= 1; ignored where placed is -1) and returns the step's
  // length in ticks, which is at least every `done`.
  virtual Tick plan_step(const TokenBatch& batch, Tick start, std::span<const ExpertId> placed, int k,
                         std::vector<Tick>& done) = 0;

 protected:
  ~StepTimeline() = default;
};

}  // namespace routelab
