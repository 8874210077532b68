#pragma once
// What made an output: the program version (version + commit), the command line, the master seed
// and the resolved scenario as TOML text (the scenario's document with --set, --seed and --tokens
// written in), so `routelab compare --scenario scenario.toml` with it runs the same scenario.
// `summary.json` and `--format json` carry it as "provenance"; `--out DIR` also gets it as
// DIR/scenario.toml and DIR/provenance.json, the sidecar of every CSV under DIR.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/scenario_options.hpp"
#include "scenarios/scenario_overrides.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab::cli {

// main() records its arguments once, before any command runs.
void set_command_line(int argc, const char* const* argv);
const std::string& command_line();  // shell-quoted where needed
const char* routelab_version();

// The overrides a command applies to its scenario: --set, then --seed and --tokens as keys.
std::vector<ScenarioOverride> scenario_overrides(const ScenarioOptions& options);

nlohmann::ordered_json provenance_json(const ScenarioSpec& spec, const ScenarioOptions& options);
// The same for a scenario already resolved to its TOML text (the desktop app's saved runs).
nlohmann::ordered_json provenance_json(const ScenarioSpec& spec, const std::string& scenario_toml);

}  // namespace routelab::cli
