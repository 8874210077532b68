#pragma once
// The runs of one router in a comparison, stepped as one: one run, or, for a trace replayed layer
// by layer, one run per layer, each built when the previous one has finished. A stepping front end
// (the desktop app) sees one continuous stream of windows and events: each layer's windows follow
// the previous layer's, shifted in index and time; every layer's result is kept as its own run.
#include <cstdint>
#include <memory>
#include <vector>

#include "cluster/cluster_step_listener.hpp"
#include "engine/metrics_sink.hpp"
#include "scenarios/run_builder/run_builder.hpp"

namespace routelab {

class RunSequence {
 public:
  // The builder, the scenario and the sink must outlive the sequence. Nothing is built yet: the
  // first step builds the first run (training a learned router's model if it needs one).
  // `sink_window_ticks` > 0: the sink sees windows of that length (Simulation::set_sink_window_ticks),
  // while every result stays the one the scenario's own windows give.
  RunSequence(const RunBuilder& builder, const ScenarioSpec& scenario, std::vector<RunKey> keys, MetricsSink* sink,
              Tick sink_window_ticks = 0);
  ~RunSequence();

  // With a [cluster]: every run's step model also hands each step to `listener` (which must
  // outlive the sequence), its arrival tick shifted like the sink's windows. Call before stepping.
  void set_cluster_listener(cluster::ClusterStepListener* listener);

  bool step_batch();  // one more batch of the current run; false once every run has finished
  void run();         // every remaining batch
  bool finished() const { return next_ >= keys_.size() && !current_; }

  std::int64_t batches() const;                        // dispatched so far, over every run
  const std::vector<RunResult>& results() const { return results_; }  // one per finished run

 private:
  class ShiftedSink;
  class ShiftedSteps;
  const RunBuilder& builder_;
  const ScenarioSpec& scenario_;
  std::vector<RunKey> keys_;
  Tick sink_window_ticks_ = 0;
  std::unique_ptr<ShiftedSink> shifted_;
  std::unique_ptr<ShiftedSteps> shifted_steps_;
  std::size_t next_ = 0;
  std::unique_ptr<PreparedRun> current_;
  std::int64_t batches_before_ = 0;
  std::vector<RunResult> results_;
};

}  // namespace routelab
