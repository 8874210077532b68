#pragma once
// Sees every step a ClusterObserver adds to its run's figures, as the step happens: a stepping
// front end (the desktop app's cluster view) plots the same numbers the summary is made of, rather
// than a second step model that could drift from it. Called on the thread that runs the simulation.
#include "cluster/step_model.hpp"
#include "cluster/topology.hpp"
#include "core/types.hpp"

namespace routelab::cluster {

class ClusterStepListener {
 public:
  virtual ~ClusterStepListener() = default;
  // Once per run, before its first step: the GPUs and directed links the steps' vectors index.
  virtual void on_topology(const Topology& topology) = 0;
  // One batch's step; `start` is its tick: the batch's dispatch (its arrival, or under the step
  // timeline a later step's end), so steps come in tick order.
  virtual void on_step(Tick start, const StepFigures& step) = 0;
};

}  // namespace routelab::cluster
