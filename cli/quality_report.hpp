#pragma once
// The quality side of a report (semantic scenarios): mean expert loss and matching share next to
// load max/mean, the Pareto front of (loss, max/mean), and the structural limits no router
// escapes. Schema in docs/cli-json.md; design in docs/learned-routing.md.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/quality/stream_profile.hpp"
#include "scenarios/scenario_runner.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab::cli {

nlohmann::ordered_json quality_to_json(const QualitySummary& quality);

// Per router (mean over replications), in first-appearance order; only runs with quality.
struct RouterTradeoff {
  std::string router;
  double expert_loss = 0;
  double expert_loss_best = 0;
  double match_share = 0;
  double load_max_over_mean = 0;
  double drop_rate = 0;
  double training_seconds = 0;
  bool pareto = false;
};
std::vector<RouterTradeoff> tradeoffs(const std::vector<RunResult>& results);

// The stream of replication 0, profiled for the identical-token floor.
StreamProfile profile_scenario_stream(const ScenarioSpec& scenario);

// {"pareto": [...], "structural_limits": {...}}; empty when no result has quality.
nlohmann::ordered_json tradeoff_to_json(const ScenarioSpec& scenario, const std::vector<RunResult>& results);
// The "quality vs balance" table, Pareto line and structural limits; "" when no result has quality.
std::string tradeoff_to_table(const ScenarioSpec& scenario, const std::vector<RunResult>& results);

}  // namespace routelab::cli
