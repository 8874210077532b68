#pragma once
// Observers of a run. Small on purpose: the GUI, the CSV writer and the sweep database each
// implement the two or three calls they need.
#include <span>

#include "engine/metrics.hpp"
#include "core/types.hpp"

namespace routelab {

class MetricsSink {
 public:
  virtual ~MetricsSink() = default;
  virtual void on_window(const LoadWindow& window) { (void)window; }
  virtual void on_event(const OverloadEvent& event) { (void)event; }
  virtual void on_finish(const Summary& summary) { (void)summary; }
  // After each batch is dispatched: where its assignments landed. `placed` is tokens x k,
  // row-major; row i holds the experts that accepted token i's assignments (the expert the router
  // chose, or its next_choice fallback), -1 for an assignment dropped or not made. Scores routing
  // by outcome (scenarios/quality); the batch's views are valid only during the call.
  virtual void on_batch_placed(const TokenBatch& batch, std::span<const ExpertId> placed, int k) {
    (void)batch, (void)placed, (void)k;
  }
};

}  // namespace routelab
