#include "gui/data/cluster_step_ring.hpp"

#include <utility>

namespace routelab::gui {

void ClusterStepRing::on_topology(const cluster::Topology& topology) {
  ClusterLayout layout;
  for (int g = 0; g < topology.gpus(); ++g) layout.node_of_gpu.push_back(topology.node_of(g));
  for (const cluster::DirectedLink& link : topology.links()) layout.link_names.push_back(link.name);
  std::lock_guard lock(mutex_);
  layout_ = std::move(layout);
}

void ClusterStepRing::on_step(Tick arrival, const cluster::StepFigures& step) {
  ClusterStepRecord record{arrival, step.step_us, step.dispatch_us + step.combine_us, step.mean_compute_us > 0 ? step.compute_us / step.mean_compute_us : 1.0,
                           step.gpu_tokens, step.link_busy_us};
  std::lock_guard lock(mutex_);
  steps_.push_back(std::move(record));
}

void ClusterStepRing::drain(std::optional<ClusterLayout>& layout, std::vector<ClusterStepRecord>& steps) {
  steps.clear();
  std::lock_guard lock(mutex_);
  if (layout_) layout = std::exchange(layout_, std::nullopt);
  std::swap(steps, steps_);
}

}  // namespace routelab::gui
