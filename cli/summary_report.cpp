#include "cli/summary_report.hpp"

#include <fmt/format.h>

#include "cli/comparison_report.hpp"
#include "cli/optimum_report.hpp"
#include "cli/quality_report.hpp"
#include "engine/simulation_config.hpp"
#include "engine/summary_metrics.hpp"
#include "scenarios/traces/routing_trace.hpp"

namespace routelab::cli {

std::string format_table_cell(const SummaryMetric& metric, const Summary& summary) {
  const double value = metric.number(summary) * metric.scale;
  if (metric.precision < 0) return fmt::format("{:>{}.3g}", value, metric.width);
  return fmt::format("{:>{}.{}f}", value, metric.width, metric.precision);
}

namespace {

// The main table shows the metrics every run has; the cluster's get their own table.
bool in_main_table(const SummaryMetric& metric) { return !metric.heading.empty() && metric.present == nullptr; }
bool in_cluster_table(const SummaryMetric& metric) { return !metric.heading.empty() && metric.present != nullptr; }

std::string table_legend(bool (*shown)(const SummaryMetric&)) {
  std::string legend = "columns:";
  for (const SummaryMetric& metric : summary_metrics()) {
    if (!shown(metric)) continue;
    legend += fmt::format(" {} = {}{};", metric.heading, metric.name,
                          metric.scale == 100 ? " (%)"
                          : metric.unit == "ticks" ? " (ticks)"
                          : metric.unit == "microseconds" ? " (us)"
                                                          : "");
  }
  legend.back() = '\n';
  return legend;
}

// One row per run of the metrics `shown` picks, then their legend.
std::string metric_table(const std::vector<RunResult>& results, bool (*shown)(const SummaryMetric&), bool fingerprints) {
  std::string out = fmt::format("{:<14}", "router");
  for (const SummaryMetric& metric : summary_metrics())
    if (shown(metric)) out += fmt::format(" {:>{}}", metric.heading, metric.width);
  out += fingerprints ? "  fingerprint\n" : "\n";
  for (const auto& result : results) {
    out += fmt::format("{:<14}", result.router);
    for (const SummaryMetric& metric : summary_metrics())
      if (shown(metric)) out += " " + format_table_cell(metric, result.summary);
    out += fingerprints ? "  " + fingerprint_hex(result.summary.fingerprint) + "\n" : "\n";
  }
  return out + table_legend(shown);
}

}  // namespace

std::string table_legend() { return table_legend(in_main_table); }

nlohmann::ordered_json metric_to_json(const MetricValue& value) {
  return std::visit([](const auto& v) { return nlohmann::ordered_json(v); }, value);
}

nlohmann::ordered_json result_to_json(const RunResult& result) {
  nlohmann::ordered_json j;
  j["router"] = result.router;
  j["replication"] = result.replication;
  if (result.layer > 0) j["layer"] = result.layer;
  for (const SummaryMetric& metric : summary_metrics())
    if (metric.has(result.summary)) j[std::string(metric.name)] = metric_to_json(metric.read(result.summary));
  if (result.adversary) j["adversary"] = adversary_to_json(*result.adversary);
  if (result.quality) j["quality"] = quality_to_json(*result.quality);
  if (result.training_seconds > 0) j["training_seconds"] = result.training_seconds;
  // The optimum of this run's own batches, flat so that a sweep stores it as two columns.
  j["optimum_load_max_over_mean"] = result.optimum.load_max_over_mean;
  j["optimum_fill_ratio"] = result.optimum.fill_ratio;
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
  for (const auto& result : results) {
    auto entry = result_to_json(result);
    entry["optimum_gap"] = optimum_gap_to_json(result, scenario.simulation.k);
    j["routers"].push_back(std::move(entry));
  }
  j["optimum"] = optimum_to_json(results, scenario.adversary.enabled());
  if (wants_aggregate(results)) j["aggregate"] = aggregate_to_json(results);
  const auto tradeoff = tradeoff_to_json(scenario, results);
  for (const auto& [key, value] : tradeoff.items()) j[key] = value;
  return j;
}

nlohmann::ordered_json failures_to_json(const std::vector<RunFailure>& failures) {
  auto list = nlohmann::ordered_json::array();
  for (const RunFailure& failure : failures) {
    nlohmann::ordered_json j;
    j["router"] = failure.router;
    j["replication"] = failure.replication;
    if (failure.layer > 0) j["layer"] = failure.layer;
    j["error"] = failure.message;
    list.push_back(j);
  }
  return list;
}

std::string describe_run(const RunFailure& failure) {
  std::string run = "router '" + failure.router + "'";
  if (failure.replication > 0) run += fmt::format(", replication {}", failure.replication);
  if (failure.layer > 0) run += fmt::format(", layer {}", failure.layer);
  return run + " did not run: " + failure.message;
}

std::string report_to_table(const ScenarioSpec& scenario, const std::vector<RunResult>& results) {
  const SimulationConfig& sim = scenario.simulation;
  std::string out = fmt::format("scenario {} ({}): {} experts, k={}, capacity factor {:g}, overflow {}, seed {}\n",
                                scenario.name, scenario.source, sim.num_experts, sim.k, sim.capacity_factor,
                                to_string(sim.overflow), sim.master_seed);
  out += metric_table(results, in_main_table, true);
  if (!results.empty() && results.front().summary.cluster) {
    const auto& c = scenario.cluster;
    const std::string shape =
        c.graph ? fmt::format("graph {}: {} GPUs on {} node(s), {} switch(es), {} links", c.graph_source, c.gpus(), c.nodes(),
                              c.graph->vertices - c.gpus(), c.graph->links.size())
                : fmt::format("{} node(s) x {} GPUs", c.topology.nodes, c.topology.gpus_per_node);
    out += fmt::format("cluster: {}, placement {}{}, replica choice {}\n", shape, to_string(c.placement),
                       c.redundant_experts > 0 ? fmt::format(" (+{} redundant)", c.redundant_experts) : "",
                       to_string(c.replica_choice));
    out += metric_table(results, in_cluster_table, false);
  }
  // The legend sits under the main table (metric_table), once: the gap table has its own headings.
  out += optimum_to_table(results, sim.k, scenario.adversary.enabled());
  if (scenario.trace.data && scenario.trace.data->rows_skipped > 0)
    out += fmt::format("trace: skipped {} malformed row(s); first: {}\n", scenario.trace.data->rows_skipped,
                       scenario.trace.data->first_skipped);
  return out + tradeoff_to_table(scenario, results);
}

}  // namespace routelab::cli
