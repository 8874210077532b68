#pragma once
// Runs one (scenario, router, replication): builds the workload and the router from their named
// streams, runs the simulation, returns the summary. The unit every front end builds on (the CLI,
// sweeps, the GUI); each call is independent, so calls can run on any number of threads.
//
// With an adversary, a run is two simulations: the benign stream alone and the same stream with
// the attacker's tokens merged in; the result is the attacked run's summary plus the comparison.
// A trace scenario replays one layer per run (scenario_for_layer() picks it for a layered run).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/metrics.hpp"
#include "engine/metrics_sink.hpp"
#include "engine/workload.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/adversaries/adversary_report.hpp"
#include "scenarios/quality/quality_observer.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab {

struct RunResult {
  std::string router;
  std::uint64_t replication = 0;
  Summary summary;
  int layer = 0;                            // trace layer replayed (0: not a trace scenario)
  std::optional<AdversaryReport> adversary{};  // set when the scenario has an adversary
  std::optional<QualitySummary> quality{};     // semantic scenarios only (scenarios/quality)
  double training_seconds = 0;                 // in-process training of a learned router (wall clock)
};

// The routers a scenario compares: its own list, or every registered router when it names none
// (leaving out routers that need a trace unless the scenario replays one, and learned routers
// unless its tokens carry embeddings).
std::vector<RouterSpec> routers_to_compare(const ScenarioSpec& scenario, const RouterRegistry& registry);

// The scenario's benign token stream for one replication (identical for every router).
std::unique_ptr<Workload> make_workload(const ScenarioSpec& scenario, std::uint64_t replication);

// A copy of a trace scenario that replays layer `layer` (1-based) only.
ScenarioSpec scenario_for_layer(const ScenarioSpec& scenario, int layer);

// A learned router without a model (RouterSpec::model_json, or a `model` file) is trained
// in-process first (scenarios/training/scenario_training.hpp).
RunResult run_scenario(const ScenarioSpec& scenario, const RouterSpec& router, std::uint64_t replication,
                       const RouterRegistry& registry, std::span<MetricsSink* const> sinks = {});

}  // namespace routelab
