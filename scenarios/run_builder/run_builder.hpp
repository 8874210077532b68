#pragma once
// The one way to turn a scenario into runs, used by `routelab run`, `compare`, `sweep run`, the
// desktop app and the Python module alike, so a scenario gives the same trajectory fingerprint
// wherever it runs. It picks a comparison's routers, readies each router (a learned router gets
// its model from its `model` file or from the process's trained-model cache) and builds each run.
#include <memory>
#include <span>
#include <vector>

#include "engine/metrics_sink.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/run_builder/prepared_run.hpp"
#include "scenarios/run_builder/run_key.hpp"
#include "scenarios/run_builder/trained_model_cache.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab {

class RunBuilder {
 public:
  // The registry and the cache must outlive the builder and every run it builds.
  RunBuilder(const RouterRegistry& registry, TrainedModelCache& models) : registry_(registry), models_(models) {}

  const RouterRegistry& registry() const { return registry_; }
  TrainedModelCache& models() const { return models_; }

  // The routers a scenario compares: its own list, or every registered router that can run on it
  // (routers that need a trace only on trace scenarios, learned routers only where tokens carry
  // embeddings).
  std::vector<RouterSpec> default_routers(const ScenarioSpec& scenario) const;

  // `router` ready to run on `scenario`: its name checked; a learned router's `model` path made
  // relative to the scenario file, or, without one, its model trained (once per cache key).
  // Throws for this router only.
  RouterSpec ready_router(const ScenarioSpec& scenario, const RouterSpec& router) const;

  // One run, ready to step or to run to the end. Readies the router itself when it is not ready.
  std::unique_ptr<PreparedRun> build(const ScenarioSpec& scenario, const RunKey& key,
                                     std::span<MetricsSink* const> sinks = {}) const;

 private:
  const RouterRegistry& registry_;
  TrainedModelCache& models_;
};

}  // namespace routelab
