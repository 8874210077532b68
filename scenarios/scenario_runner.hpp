#pragma once
// One-call runs on top of the run builder (scenarios/run_builder/): run one (scenario, router,
// replication) to the end and return its result. For tests, benchmarks and small tools; the
// front ends use RunBuilder directly so that every run of a process shares one trained-model cache.
#include <cstdint>
#include <span>
#include <vector>

#include "engine/metrics_sink.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/run_builder/run_result.hpp"
#include "scenarios/run_builder/run_workload.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab {

// The routers a scenario compares (RunBuilder::default_routers).
std::vector<RouterSpec> routers_to_compare(const ScenarioSpec& scenario, const RouterRegistry& registry);

// A learned router without a model is trained first, for this call alone.
RunResult run_scenario(const ScenarioSpec& scenario, const RouterSpec& router, std::uint64_t replication,
                       const RouterRegistry& registry, std::span<MetricsSink* const> sinks = {});

}  // namespace routelab
