#pragma once
// Reports over several runs of a comparison: per router, the mean and 95% confidence interval
// (Student t over replications) of each metric, the paired difference against the first router
// (common random numbers: replication r of every router saw the same tokens), and for attacks the
// amplification and the victims' figures. A layered trace run counts each replication's mean over
// its layers as one value, and shows the spread of max/mean over the layers.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scenarios/scenario_runner.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab::cli {

// True when one row per run would say less than an aggregate: replications > 1 or several layers.
bool wants_aggregate(const std::vector<RunResult>& results);

nlohmann::ordered_json aggregate_to_json(const std::vector<RunResult>& results);
std::string aggregate_to_table(const ScenarioSpec& scenario, const std::vector<RunResult>& results);

nlohmann::ordered_json adversary_to_json(const AdversaryReport& report);
// One row per run: amplification and the victims' drop rate and latency, benign -> attacked.
std::string attack_to_table(const ScenarioSpec& scenario, const std::vector<RunResult>& results);

}  // namespace routelab::cli
