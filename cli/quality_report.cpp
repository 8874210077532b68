#include "cli/quality_report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "scenarios/quality/pareto.hpp"

namespace routelab::cli {

namespace {

constexpr const char* kPermutationLimit =
    "a router that only permutes E buckets onto E experts cannot change the multiset of loads: "
    "relabelling experts moves quality, never max/mean";

bool any_quality(const std::vector<RunResult>& results) {
  return std::any_of(results.begin(), results.end(), [](const RunResult& r) { return r.quality.has_value(); });
}

}  // namespace

nlohmann::ordered_json quality_to_json(const QualitySummary& quality) {
  nlohmann::ordered_json j;
  j["expert_loss_mean"] = quality.expert_loss_mean;
  j["expert_loss_best"] = quality.expert_loss_best;
  j["match_share"] = quality.match_share;
  j["assignments_scored"] = quality.assignments_scored;
  return j;
}

std::vector<RouterTradeoff> tradeoffs(const std::vector<RunResult>& results) {
  std::vector<RouterTradeoff> rows;
  std::vector<int> runs;
  for (const RunResult& result : results) {
    if (!result.quality) continue;
    auto it = std::find_if(rows.begin(), rows.end(), [&](const RouterTradeoff& row) { return row.router == result.router; });
    if (it == rows.end()) {
      rows.push_back(RouterTradeoff{result.router});
      runs.push_back(0);
      it = rows.end() - 1;
    }
    RouterTradeoff& row = *it;
    ++runs[static_cast<std::size_t>(it - rows.begin())];
    row.expert_loss += result.quality->expert_loss_mean;
    row.expert_loss_best += result.quality->expert_loss_best;
    row.match_share += result.quality->match_share;
    row.load_max_over_mean += result.summary.load_max_over_mean;
    row.drop_rate += result.summary.drop_rate;
    row.training_seconds = result.training_seconds;
  }
  std::vector<TradeoffPoint> points;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double n = runs[i];
    rows[i].expert_loss /= n;
    rows[i].expert_loss_best /= n;
    rows[i].match_share /= n;
    rows[i].load_max_over_mean /= n;
    rows[i].drop_rate /= n;
    points.push_back({rows[i].router, rows[i].expert_loss, rows[i].load_max_over_mean});
  }
  for (std::size_t i : pareto_front(points)) rows[i].pareto = true;
  return rows;
}

StreamProfile profile_scenario_stream(const ScenarioSpec& scenario) {
  auto stream = make_workload(scenario, 0);
  return profile_stream(*stream);
}

nlohmann::ordered_json tradeoff_to_json(const ScenarioSpec& scenario, const std::vector<RunResult>& results) {
  nlohmann::ordered_json j;
  if (!any_quality(results)) return j;
  j["pareto"] = nlohmann::ordered_json::array();
  for (const RouterTradeoff& row : tradeoffs(results))
    if (row.pareto) j["pareto"].push_back(row.router);
  const StreamProfile profile = profile_scenario_stream(scenario);
  const int experts = scenario.simulation.num_experts;
  const int k = scenario.simulation.k;
  j["structural_limits"] = {{"hottest_key_share", profile.hottest_key_share},
                            {"identical_token_floor", profile.identical_token_floor(experts, k)},
                            {"permutation_limit", kPermutationLimit}};
  return j;
}

std::string tradeoff_to_table(const ScenarioSpec& scenario, const std::vector<RunResult>& results) {
  if (!any_quality(results)) return "";
  const std::vector<RouterTradeoff> rows = tradeoffs(results);
  std::string out = fmt::format("\nquality vs balance (expert loss: lower is better; best = the loss floor, load ignored)\n");
  out += fmt::format("{:<14} {:>8} {:>8} {:>7} {:>8} {:>7} {:>8}  {}\n", "router", "loss", "best", "match%", "max/mean",
                     "drop%", "train s", "pareto");
  std::string front;
  for (const RouterTradeoff& row : rows) {
    out += fmt::format("{:<14} {:>8.4f} {:>8.4f} {:>7.2f} {:>8.3f} {:>7.2f} {:>8}  {}\n", row.router, row.expert_loss,
                       row.expert_loss_best, 100.0 * row.match_share, row.load_max_over_mean, 100.0 * row.drop_rate,
                       row.training_seconds > 0 ? fmt::format("{:.2f}", row.training_seconds) : "-",
                       row.pareto ? "*" : "");
    if (row.pareto) front += (front.empty() ? "" : ", ") + row.router;
  }
  out += fmt::format("Pareto front (not dominated on loss and max/mean): {}\n", front);
  const StreamProfile profile = profile_scenario_stream(scenario);
  const int experts = scenario.simulation.num_experts;
  const int k = scenario.simulation.k;
  out += fmt::format(
      "structural limits: a router that sends identical tokens (same key) to the same {} expert(s) has max/mean >= "
      "E x share / k = {} x {:.4f} / {} = {:.3f} (commonest key {}); {}\n",
      k, experts, profile.hottest_key_share, k, profile.identical_token_floor(experts, k), profile.hottest_key,
      kPermutationLimit);
  return out;
}

}  // namespace routelab::cli
