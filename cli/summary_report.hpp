#pragma once
// Turns run results into the CLI's two output formats: a terminal table and a JSON document
// (schema in docs/cli-json.md).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scenarios/scenario_runner.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab::cli {

nlohmann::ordered_json result_to_json(const RunResult& result);
nlohmann::ordered_json report_to_json(const ScenarioSpec& scenario, const std::vector<RunResult>& results);
std::string report_to_table(const ScenarioSpec& scenario, const std::vector<RunResult>& results);

}  // namespace routelab::cli
