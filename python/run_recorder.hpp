#pragma once
// A MetricsSink that keeps what a Python result exposes: per-window x per-expert arrivals,
// accepted and served assignments, drops, queue peaks and utilization, each window's bounds, every completed token's latency and the
// overload events. Plain C++ (no Python calls), so built-in runs fill it with the GIL released.
#include <cstdint>
#include <vector>

#include "engine/metrics_sink.hpp"

namespace routelab::python {

class RunRecorder : public MetricsSink {
 public:
  void on_window(const LoadWindow& window) override {
    experts_ = window.arrivals.size();
    start_.push_back(window.start);
    end_.push_back(window.end);
    arrivals_.insert(arrivals_.end(), window.arrivals.begin(), window.arrivals.end());
    accepted_.insert(accepted_.end(), window.accepted.begin(), window.accepted.end());
    served_.insert(served_.end(), window.served.begin(), window.served.end());
    drops_.insert(drops_.end(), window.drops.begin(), window.drops.end());
    peak_queue_.insert(peak_queue_.end(), window.peak_queue.begin(), window.peak_queue.end());
    utilization_.insert(utilization_.end(), window.utilization.begin(), window.utilization.end());
    latencies_.insert(latencies_.end(), window.completed_latencies.begin(), window.completed_latencies.end());
  }
  void on_event(const OverloadEvent& event) override { events_.push_back(event); }

  std::size_t windows() const { return start_.size(); }
  std::size_t experts() const { return experts_; }

  std::size_t experts_ = 0;
  std::vector<Tick> start_, end_;
  std::vector<std::int64_t> arrivals_, accepted_, served_, drops_, peak_queue_, latencies_;
  std::vector<double> utilization_;
  std::vector<OverloadEvent> events_;
};

}  // namespace routelab::python
