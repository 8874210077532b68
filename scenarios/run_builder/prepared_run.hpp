#pragma once
// One run, built and ready: its token stream (with the adversary's tokens merged in, or one layer
// of a trace), its router (with its model), the simulation, the quality observer of a semantic
// scenario and the caller's sinks. A front end either runs it to the end (CLI, sweeps, Python) or
// steps it batch by batch (the app); both give the same trajectory and the same result.
//
// With an adversary, the result also needs the baseline run (the benign stream alone, or the
// same attacker with unstructured degrees): complete() runs it once the measured run is finished.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "engine/metrics_sink.hpp"
#include "engine/simulation.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/run_builder/run_result.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab {

class AdversarialWorkload;
class VictimMetrics;
class QualityModel;
class QualityObserver;
class OptimumRecorder;
namespace cluster {
class ClusterObserver;
}

class PreparedRun {
 public:
  // `scenario` replays at most one trace layer; `router` is ready (a learned router has its model).
  // The registry and the sinks must outlive the run. Throws the core's typed errors.
  PreparedRun(const ScenarioSpec& scenario, const RouterSpec& router, std::uint64_t replication,
              const RouterRegistry& registry, std::span<MetricsSink* const> sinks);
  ~PreparedRun();
  PreparedRun(const PreparedRun&) = delete;
  PreparedRun& operator=(const PreparedRun&) = delete;

  const ScenarioSpec& scenario() const { return scenario_; }
  const RouterSpec& router() const { return router_spec_; }
  std::uint64_t replication() const { return replication_; }

  // The measured simulation (the attacked one when there is an adversary).
  Simulation& simulation() { return *simulation_; }
  const Simulation& simulation() const { return *simulation_; }
  // The step model's observer; nullptr without a [cluster].
  const cluster::ClusterObserver* cluster() const { return cluster_.get(); }
  cluster::ClusterObserver* cluster() { return cluster_.get(); }

  bool step_batch();  // one more batch of the measured run; false once it has finished
  RunResult run();    // the rest of the measured run, then complete()

  // Once the measured run has finished: the baseline run (attacks), the quality summary, the
  // result. Idempotent; throws Error when called before the measured run has finished.
  const RunResult& complete();

 private:
  ScenarioSpec scenario_;
  RouterSpec router_spec_;
  std::uint64_t replication_ = 0;
  const RouterRegistry& registry_;
  std::unique_ptr<QualityModel> quality_model_;
  std::unique_ptr<QualityObserver> quality_;
  std::unique_ptr<cluster::ClusterObserver> cluster_;  // the step model, when the scenario has a [cluster]
  std::unique_ptr<VictimMetrics> victims_;
  std::unique_ptr<Workload> workload_;
  AdversarialWorkload* attacked_ = nullptr;  // workload_, when the scenario has an adversary
  std::unique_ptr<Router> router_;
  OptimumRecorder* optimum_ = nullptr;  // router_, which records every batch for the optimum
  std::unique_ptr<Simulation> simulation_;
  std::optional<RunResult> result_;
};

}  // namespace routelab
