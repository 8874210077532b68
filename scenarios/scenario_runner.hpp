#pragma once
// Runs one (scenario, router, replication): builds the workload and the router from their named
// streams, runs the simulation, returns the summary. The unit every front end builds on (the CLI,
// sweeps, the GUI); each call is independent, so calls can run on any number of threads.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/metrics.hpp"
#include "engine/metrics_sink.hpp"
#include "engine/workload.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/quality/quality_observer.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab {

struct RunResult {
  std::string router;
  std::uint64_t replication = 0;
  Summary summary;
  std::optional<QualitySummary> quality;  // semantic scenarios only (scenarios/quality)
  double training_seconds = 0;            // in-process training of a learned router (wall clock)
};

// The routers a scenario compares: its own list, or every registered router when it names none
// (learned routers only where the tokens carry embeddings).
std::vector<RouterSpec> routers_to_compare(const ScenarioSpec& scenario, const RouterRegistry& registry);

// The scenario's token stream for one replication (identical for every router).
std::unique_ptr<Workload> make_workload(const ScenarioSpec& scenario, std::uint64_t replication);

RunResult run_scenario(const ScenarioSpec& scenario, const RouterSpec& router, std::uint64_t replication,
                       const RouterRegistry& registry, std::span<MetricsSink* const> sinks = {});

}  // namespace routelab
