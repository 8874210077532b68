#pragma once
// Loading a scenario's trace once (every run of a comparison shares it) and checking it against
// the scenario: the layer exists, the recorded experts fit experts.count.
#include <memory>
#include <string>
#include <vector>

#include "scenarios/scenario_spec.hpp"
#include "scenarios/traces/routing_trace.hpp"
#include "scenarios/traces/trace_expectations.hpp"

namespace routelab {

// The format a path's extension implies: .jsonl / .ndjson are JSON Lines, anything else (a
// directory, .csv) the DeepSeek CSV format.
TraceFormat trace_format_for_path(const std::string& path);

std::shared_ptr<const RoutingTrace> read_trace(const TraceSpec& spec, const TraceExpectations& expected = {});

// The layers holding at least one row, ascending (a trace of layer 3 alone has {3}), and the
// same as text for messages ("1..3, 7").
std::vector<int> layers_present(const RoutingTrace& trace);
std::string describe_layers(const std::vector<int>& layers);

// Reads spec.trace.data when the scenario replays a trace and it is not loaded yet; throws
// ConfigError (naming trace.layer, or file:line for a row whose experts do not fit experts.count
// or routing.k) when the trace does not fit the scenario.
void load_trace_data(ScenarioSpec& spec);

// The layers a run covers: {spec.trace.layer}, or every layer present in the trace for a layered run
// ({0} when the scenario replays no trace). Needs the trace loaded.
std::vector<int> layers_to_run(const ScenarioSpec& spec);

}  // namespace routelab
