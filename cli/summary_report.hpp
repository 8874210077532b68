#pragma once
// Turns run results into the CLI's two output formats: a terminal table and a JSON document
// (schema in docs/cli-json.md).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/summary_metrics.hpp"
#include "scenarios/run_builder/run_failure.hpp"
#include "scenarios/run_builder/run_result.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab::cli {

nlohmann::ordered_json result_to_json(const RunResult& result);
nlohmann::ordered_json metric_to_json(const MetricValue& value);
// One cell of the terminal table, right-aligned to the metric's width; and the legend line that
// names each column's metric and unit.
std::string format_table_cell(const SummaryMetric& metric, const Summary& summary);
std::string table_legend();
nlohmann::ordered_json report_to_json(const ScenarioSpec& scenario, const std::vector<RunResult>& results);
// The runs that failed, as the `failed` array of the JSON report; and one line naming a run and why.
nlohmann::ordered_json failures_to_json(const std::vector<RunFailure>& failures);
std::string describe_run(const RunFailure& failure);
std::string report_to_table(const ScenarioSpec& scenario, const std::vector<RunResult>& results);

}  // namespace routelab::cli
