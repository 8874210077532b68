#pragma once
// Replays one layer of a recorded trace as a workload. Each token's key is the recorded key (the
// hashed token text) and its recorded experts travel in TokenBatch::recorded_experts, so the
// `trace` router can replay the recording router while every other router re-routes the same
// tokens by key. With `arrival = "trace"` a batch is one trace group (a prompt of the DeepSeek
// trace, arriving interval_ticks apart; or one recorded tick of a JSON Lines trace, at that
// tick); with any other arrival process the token stream is cut into batches by BatchSchedule.
#include <memory>
#include <optional>
#include <vector>

#include "engine/workload.hpp"
#include "scenarios/scenario_spec.hpp"
#include "scenarios/traces/routing_trace.hpp"
#include "scenarios/workloads/batch_schedule.hpp"

namespace routelab {

class TraceWorkload : public Workload {
 public:
  // `layer` is 1-based. The trace must outlive the workload.
  TraceWorkload(std::shared_ptr<const RoutingTrace> trace, int layer, const ScenarioSpec& scenario,
                std::uint64_t replication);
  bool next_batch(TokenBatch& out) override;

 private:
  std::shared_ptr<const RoutingTrace> trace_;
  const TraceLayer& layer_;
  double interval_ticks_;
  std::size_t token_limit_;
  RngEngine rng_;
  std::optional<BatchSchedule> schedule_;  // absent when batches follow the trace's groups
  std::vector<Token> tokens_;
  std::size_t next_ = 0;
  std::uint64_t batch_index_ = 0;
};

}  // namespace routelab
