#pragma once
// Files a scenario names (a trace, a topology graph, a placement) are read relative to the
// scenario file's directory, or for a built-in scenario ("builtin:NAME") from the data directory.
#include <string>

namespace routelab {

std::string resolve_scenario_relative(const std::string& path, const std::string& scenario_source);

}  // namespace routelab
