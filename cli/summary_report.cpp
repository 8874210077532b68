#include "cli/summary_report.hpp"

#include <fmt/format.h>

#include "cli/comparison_report.hpp"
#include "cli/quality_report.hpp"
#include "engine/simulation_config.hpp"
#include "scenarios/traces/routing_trace.hpp"

namespace routelab::cli {

nlohmann::ordered_json result_to_json(const RunResult& result) {
  const Summary& s = result.summary;
  nlohmann::ordered_json j;
  j["router"] = result.router;
  j["replication"] = result.replication;
  if (result.layer > 0) j["layer"] = result.layer;
  j["tokens"] = s.tokens;
  j["tokens_completed"] = s.tokens_completed;
  j["tokens_unserved"] = s.tokens_unserved;
  j["batches"] = s.batches;
  j["assignments"] = s.assignments;
  j["assignments_dropped"] = s.assignments_dropped;
  j["assignments_rerouted"] = s.assignments_rerouted;
  j["load_max_over_mean"] = s.load_max_over_mean;
  j["window_max_over_mean_mean"] = s.window_max_over_mean_mean;
  j["window_max_over_mean_p99"] = s.window_max_over_mean_p99;
  j["cv"] = s.load_cv;
  j["gini"] = s.load_gini;
  j["entropy"] = s.load_entropy;
  j["drop_rate"] = s.drop_rate;
  j["fill_ratio"] = s.fill_ratio;
  j["utilization"] = s.utilization;
  j["latency_mean"] = s.latency_mean;
  j["latency_p50"] = s.latency_p50;
  j["latency_p95"] = s.latency_p95;
  j["latency_p99"] = s.latency_p99;
  j["latency_max"] = s.latency_max;
  j["mean_wait"] = s.mean_wait;
  j["overload_events"] = s.overload_events;
  j["windows"] = s.windows;
  j["end_tick"] = s.end_tick;
  j["events"] = s.events;
  j["expert_load"] = s.expert_load;
  j["fingerprint"] = fingerprint_hex(s.fingerprint);
  j["wall_seconds"] = s.wall_seconds;
  j["events_per_second"] = s.events_per_second;
  if (result.adversary) j["adversary"] = adversary_to_json(*result.adversary);
  if (result.quality) j["quality"] = quality_to_json(*result.quality);
  if (result.training_seconds > 0) j["training_seconds"] = result.training_seconds;
  return j;
}

nlohmann::ordered_json report_to_json(const ScenarioSpec& scenario, const std::vector<RunResult>& results) {
  nlohmann::ordered_json j;
  j["scenario"] = scenario.name;
  j["source"] = scenario.source;
  j["seed"] = scenario.simulation.master_seed;
  j["experts"] = scenario.simulation.num_experts;
  j["k"] = scenario.simulation.k;
  j["capacity_factor"] = scenario.simulation.capacity_factor;
  j["overflow"] = std::string(to_string(scenario.simulation.overflow));
  if (scenario.trace.enabled()) {
    nlohmann::ordered_json trace;
    trace["path"] = scenario.trace.path;
    trace["layer"] = scenario.trace.layer > 0 ? nlohmann::ordered_json(scenario.trace.layer) : nlohmann::ordered_json("all");
    if (const auto& data = scenario.trace.data) {
      trace["rows"] = data->rows;
      trace["rows_skipped"] = data->rows_skipped;
      if (data->rows_skipped > 0) trace["first_skipped"] = data->first_skipped;
    }
    j["trace"] = trace;
  }
  if (scenario.adversary.enabled()) {
    j["adversary"] = {{"kind", std::string(to_string(scenario.adversary.kind))},
                      {"share", scenario.adversary.share},
                      {"placement", std::string(to_string(scenario.adversary.placement))}};
    if (scenario.adversary.kind == AdversaryKind::phase_structure) {
      j["adversary"]["pattern"] = std::string(to_string(scenario.adversary.pattern));
      j["adversary"]["max_degree"] = scenario.adversary.max_degree > 0 ? scenario.adversary.max_degree
                                                                        : scenario.simulation.num_experts;
      if (scenario.adversary.pattern == DegreePattern::periodic) j["adversary"]["period"] = scenario.adversary.period;
    }
  }
  j["routers"] = nlohmann::ordered_json::array();
  for (const auto& result : results) j["routers"].push_back(result_to_json(result));
  if (wants_aggregate(results)) j["aggregate"] = aggregate_to_json(results);
  const auto tradeoff = tradeoff_to_json(scenario, results);
  for (const auto& [key, value] : tradeoff.items()) j[key] = value;
  return j;
}

std::string report_to_table(const ScenarioSpec& scenario, const std::vector<RunResult>& results) {
  const SimulationConfig& sim = scenario.simulation;
  std::string out = fmt::format("scenario {} ({}): {} experts, k={}, capacity factor {:g}, overflow {}, seed {}\n",
                                scenario.name, scenario.source, sim.num_experts, sim.k, sim.capacity_factor,
                                to_string(sim.overflow), sim.master_seed);
  out += fmt::format("{:<14} {:>9} {:>8} {:>9} {:>6} {:>7} {:>7} {:>8} {:>8} {:>9} {:>10}  {}\n", "router", "tokens",
                     "max/mean", "win p99", "cv", "drop%", "fill", "lat p50", "lat p99", "overloads", "events/s",
                     "fingerprint");
  for (const auto& result : results) {
    const Summary& s = result.summary;
    out += fmt::format("{:<14} {:>9} {:>8.3f} {:>9.3f} {:>6.3f} {:>7.2f} {:>7.3f} {:>8} {:>8} {:>9} {:>10.3g}  {}\n",
                       result.router, s.tokens, s.load_max_over_mean, s.window_max_over_mean_p99, s.load_cv,
                       100.0 * s.drop_rate, s.fill_ratio, s.latency_p50, s.latency_p99, s.overload_events,
                       s.events_per_second, fingerprint_hex(s.fingerprint));
  }
  if (scenario.trace.data && scenario.trace.data->rows_skipped > 0)
    out += fmt::format("trace: skipped {} malformed row(s); first: {}\n", scenario.trace.data->rows_skipped,
                       scenario.trace.data->first_skipped);
  return out + tradeoff_to_table(scenario, results);
}

}  // namespace routelab::cli
