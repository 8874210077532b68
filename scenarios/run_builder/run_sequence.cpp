#include "scenarios/run_builder/run_sequence.hpp"

#include <algorithm>
#include <vector>

#include "cluster/cluster_observer.hpp"

namespace routelab {

// Forwards to the front end's sink with each run's windows and events shifted to follow the
// previous runs', and only the last run's finish (the sequence ends once). Each run starts on a
// whole window of the sink's length, so window i always covers ticks [i w, (i + 1) w) even after a
// run that ended in a partial window (Simulation::set_sink_window_ticks).
class RunSequence::ShiftedSink : public MetricsSink {
 public:
  ShiftedSink(MetricsSink& target, Tick window_ticks) : target_(target), window_ticks_(window_ticks) {}

  void shift_to_next_run() {
    index_offset_ = next_index_;
    tick_offset_ = next_tick_;
  }
  void set_last(bool last) { last_ = last; }
  Tick tick_offset() const { return tick_offset_; }

  void on_window(const LoadWindow& window) override {
    LoadWindow shifted = window;
    shifted.index += index_offset_;
    shifted.start += tick_offset_;
    shifted.end += tick_offset_;
    next_index_ = shifted.index + 1;
    next_tick_ = (shifted.end + window_ticks_ - 1) / window_ticks_ * window_ticks_;
    target_.on_window(shifted);
  }
  void on_event(const OverloadEvent& event) override {
    OverloadEvent shifted = event;
    shifted.start += tick_offset_;
    shifted.end += tick_offset_;
    target_.on_event(shifted);
  }
  void on_finish(const Summary& summary) override {
    if (last_) target_.on_finish(summary);
  }
  void on_batch_placed(const TokenBatch& batch, std::span<const ExpertId> placed, int k) override {
    target_.on_batch_placed(batch, placed, k);
  }

 private:
  MetricsSink& target_;
  Tick window_ticks_ = 1;
  std::int64_t index_offset_ = 0;
  Tick tick_offset_ = 0;
  std::int64_t next_index_ = 0;
  Tick next_tick_ = 0;
  bool last_ = false;
};

// Forwards each step of the current run with its arrival on the sequence's time line (the
// windows' shift, so a step lands in the window its batch arrived in).
class RunSequence::ShiftedSteps : public cluster::ClusterStepListener {
 public:
  ShiftedSteps(cluster::ClusterStepListener& target, const ShiftedSink* windows) : target_(target), windows_(windows) {}
  void on_topology(const cluster::Topology& topology) override { target_.on_topology(topology); }
  void on_step(Tick arrival, const cluster::StepFigures& step) override {
    target_.on_step(arrival + (windows_ ? windows_->tick_offset() : 0), step);
  }

 private:
  cluster::ClusterStepListener& target_;
  const ShiftedSink* windows_;
};

RunSequence::RunSequence(const RunBuilder& builder, const ScenarioSpec& scenario, std::vector<RunKey> keys,
                         MetricsSink* sink, Tick sink_window_ticks)
    : builder_(builder), scenario_(scenario), keys_(std::move(keys)), sink_window_ticks_(sink_window_ticks) {
  if (sink)
    shifted_ = std::make_unique<ShiftedSink>(
        *sink, std::max<Tick>(1, sink_window_ticks > 0 ? sink_window_ticks : scenario.simulation.window_ticks));
}

RunSequence::~RunSequence() = default;

void RunSequence::set_cluster_listener(cluster::ClusterStepListener* listener) {
  shifted_steps_ = listener ? std::make_unique<ShiftedSteps>(*listener, shifted_.get()) : nullptr;
}

bool RunSequence::step_batch() {
  while (!finished()) {
    if (!current_) {
      std::vector<MetricsSink*> sinks;
      if (shifted_) {
        shifted_->shift_to_next_run();
        shifted_->set_last(next_ + 1 == keys_.size());
        sinks.push_back(shifted_.get());
      }
      current_ = builder_.build(scenario_, keys_[next_], sinks);
      if (sink_window_ticks_ > 0) current_->simulation().set_sink_window_ticks(sink_window_ticks_);
      if (shifted_steps_ && current_->cluster()) current_->cluster()->set_step_listener(shifted_steps_.get());
      ++next_;
    }
    if (current_->step_batch()) return true;
    results_.push_back(current_->complete());
    batches_before_ += current_->simulation().batches_dispatched();
    current_.reset();
    if (!finished()) return true;  // the next run starts with the next step
  }
  return false;
}

void RunSequence::run() {
  while (step_batch()) {
  }
}

std::int64_t RunSequence::batches() const {
  return batches_before_ + (current_ ? current_->simulation().batches_dispatched() : 0);
}

}  // namespace routelab
