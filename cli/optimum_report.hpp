#pragma once
// The optimum under the routers: the best achievable max/mean and served fill on the same batches
// (scenarios/optimum), and each router's gap to it, for the table and the JSON report.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scenarios/run_builder/run_result.hpp"

namespace routelab::cli {

// A run's fill that the batches' capacities accepted: fill x (1 - drop rate), what the optimum's
// fill_ratio bounds.
double served_fill(const RunResult& result, int k);

// {"load_max_over_mean": router - optimum, "fill_ratio": optimum - served fill}: 0 is optimal.
nlohmann::ordered_json optimum_gap_to_json(const RunResult& result, int k);
// The top-level `optimum` object: the optimum of the first router's runs, averaged over
// replications (each the mean over its layers) as the routers' figures are.
nlohmann::ordered_json optimum_to_json(const std::vector<RunResult>& results, bool adaptive_adversary);
// The `optimum` line and one gap line per router (mean over runs), for the terminal table.
std::string optimum_to_table(const std::vector<RunResult>& results, int k, bool adaptive_adversary);

}  // namespace routelab::cli
