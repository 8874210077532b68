#pragma once
// Observers of a run. Small on purpose: the GUI, the CSV writer and the sweep database each
// implement the two or three calls they need.
#include "engine/metrics.hpp"

namespace routelab {

class MetricsSink {
 public:
  virtual ~MetricsSink() = default;
  virtual void on_window(const LoadWindow& window) { (void)window; }
  virtual void on_event(const OverloadEvent& event) { (void)event; }
  virtual void on_finish(const Summary& summary) { (void)summary; }
};

}  // namespace routelab
