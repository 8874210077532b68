#pragma once
// The cluster view's hand-over point: the step model's listener on the simulation thread copies
// each step (GPU copies, link busy times, step and compute times) under a short lock; the UI thread
// takes everything pending when it drains the session. One record per batch, a few hundred numbers
// at most, so a plain vector swapped out under the lock is enough (no recycling as in MetricsRing).
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cluster/cluster_step_listener.hpp"

namespace routelab::gui {

// What the cluster view's rows are: GPUs (with their node) and directed links (with their names).
struct ClusterLayout {
  std::vector<int> node_of_gpu;
  std::vector<std::string> link_names;  // the topology's, e.g. "gpu3-nvswitch0 (->)"
  bool operator==(const ClusterLayout&) const = default;
};

// One step, as the cluster observer summed it into the run's figures.
struct ClusterStepRecord {
  Tick arrival = 0;       // the step's start (its batch's dispatch), on the session's time line
  double step_us = 0;
  double alltoall_us = 0;  // dispatch + combine
  double straggler = 1;    // slowest GPU's compute / the mean GPU's, as the observer sums it (1: no compute)
  std::vector<std::int64_t> gpu_tokens;  // copies each GPU computed
  std::vector<double> link_busy_us;      // per directed link, dispatch + combine drain time
};

class ClusterStepRing : public cluster::ClusterStepListener {
 public:
  void on_topology(const cluster::Topology& topology) override;
  void on_step(Tick arrival, const cluster::StepFigures& step) override;

  // UI thread: the layout once it is known (set until taken) and every step since the last call.
  void drain(std::optional<ClusterLayout>& layout, std::vector<ClusterStepRecord>& steps);

 private:
  std::mutex mutex_;
  std::optional<ClusterLayout> layout_;
  std::vector<ClusterStepRecord> steps_;
};

}  // namespace routelab::gui
