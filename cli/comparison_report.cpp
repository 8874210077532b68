#include "cli/comparison_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

#include "cli/optimum_report.hpp"
#include "core/percentile.hpp"
#include "engine/summary_metrics.hpp"
#include "results/confidence_interval.hpp"

namespace routelab::cli {

namespace {

using results::MeanInterval;
using results::mean_interval;
using results::paired_difference;

struct ComparedMetric {
  std::string key;    // JSON name
  std::string label;  // table header; empty: JSON only
  double scale;       // 100 for percentages
  int precision;
  bool attack_only;
  std::function<double(const RunResult&)> value;
  // Whether a run has the metric at all (nullptr: every run has it): the cluster's step figures
  // exist only for scenarios with a [cluster], and then in every run of the comparison.
  std::function<bool(const RunResult&)> present = nullptr;
};

const AdversaryReport& attack(const RunResult& r) { return *r.adversary; }

// Every deterministic numeric metric with a better direction (engine/summary_metrics.hpp), then
// the attack figures; the table shows those with a heading.
const std::vector<ComparedMetric>& compared_metrics() {
  static const std::vector<ComparedMetric> metrics = [] {
    std::vector<ComparedMetric> list;
    for (const SummaryMetric& metric : summary_metrics()) {
      if (!metric.deterministic || !metric.numeric() || metric.better == BetterDirection::none) continue;
      ComparedMetric compared{std::string(metric.name), std::string(metric.heading), metric.scale,
                              std::max(metric.precision, 0), false,
                              [&metric](const RunResult& r) { return metric.number(r.summary); }};
      if (metric.present != nullptr) compared.present = [&metric](const RunResult& r) { return metric.present(r.summary); };
      list.push_back(std::move(compared));
    }
    list.push_back({"amplification", "amplif", 1, 3, true, [](const RunResult& r) { return attack(r).amplification; }});
    list.push_back({"victim_drop_rate", "victim drop%", 100, 2, true,
                    [](const RunResult& r) { return attack(r).victims.drop_rate; }});
    list.push_back({"victim_latency_p99", "victim p99", 1, 0, true,
                    [](const RunResult& r) { return static_cast<double>(attack(r).victims.latency_p99); }});
    return list;
  }();
  return metrics;
}

const ComparedMetric& headline_metric() {
  for (const auto& metric : compared_metrics())
    if (metric.key == "load_max_over_mean") return metric;
  return compared_metrics().front();
}

// Per router (in order of first appearance), per replication: the runs of every layer.
struct RouterRuns {
  std::string router;
  std::map<std::uint64_t, std::vector<const RunResult*>> by_replication;
};

std::vector<RouterRuns> group_by_router(const std::vector<RunResult>& results) {
  std::vector<RouterRuns> groups;
  for (const auto& result : results) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const RouterRuns& g) { return g.router == result.router; });
    if (it == groups.end()) it = groups.insert(groups.end(), RouterRuns{result.router, {}});
    it->by_replication[result.replication].push_back(&result);
  }
  return groups;
}

bool attacked(const std::vector<RunResult>& results) {
  return !results.empty() && results.front().adversary.has_value();
}

// One value per replication: the metric averaged over that replication's layers.
std::vector<double> per_replication(const RouterRuns& runs, const ComparedMetric& metric) {
  std::vector<double> values;
  for (const auto& [replication, layer_runs] : runs.by_replication) {
    double sum = 0;
    for (const RunResult* run : layer_runs) sum += metric.value(*run);
    values.push_back(sum / static_cast<double>(layer_runs.size()));
  }
  return values;
}

// min / median / max of max/mean over every layer run of a router (layered traces).
std::string layer_spread(const RouterRuns& runs) {
  std::vector<double> values;
  for (const auto& [replication, layer_runs] : runs.by_replication)
    for (const RunResult* run : layer_runs) values.push_back(run->summary.load_max_over_mean);
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  return fmt::format("{:.2f} / {:.2f} / {:.2f}", *low, median(values), *high);
}

// The table shows rates in percent (`scale`); the JSON keeps the runs' own units.
std::string format_interval(const MeanInterval& interval, int precision, double scale) {
  if (interval.n < 2) return fmt::format("{:.{}f}", scale * interval.mean, precision);
  return fmt::format("{:.{}f} ± {:.{}f}", scale * interval.mean, precision, scale * interval.half_width, precision);
}

bool layered(const std::vector<RunResult>& results) {
  return std::any_of(results.begin(), results.end(), [&](const RunResult& r) { return r.layer != results.front().layer; });
}

}  // namespace

namespace {

// Whether the aggregate shows `metric`: attack figures under an attack, present figures when every
// run has them.
bool shown(const ComparedMetric& metric, const std::vector<RunResult>& results, bool with_attack) {
  if (metric.attack_only && !with_attack) return false;
  return metric.present == nullptr || std::all_of(results.begin(), results.end(), metric.present);
}

}  // namespace

bool wants_aggregate(const std::vector<RunResult>& results) {
  return layered(results) || std::any_of(results.begin(), results.end(), [](const RunResult& r) { return r.replication > 0; });
}

nlohmann::ordered_json aggregate_to_json(const std::vector<RunResult>& results) {
  const auto groups = group_by_router(results);
  const bool with_attack = attacked(results);
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& group : groups) {
    nlohmann::ordered_json entry;
    entry["router"] = group.router;
    entry["replications"] = group.by_replication.size();
    entry["layers"] = group.by_replication.begin()->second.size();
    nlohmann::ordered_json metrics;
    nlohmann::ordered_json paired;
    for (const auto& metric : compared_metrics()) {
      if (!shown(metric, results, with_attack)) continue;
      const auto values = per_replication(group, metric);
      const auto interval = mean_interval(values);
      metrics[metric.key] = {{"mean", interval.mean}, {"ci95", interval.half_width}};
      if (&group != &groups.front()) {
        const auto difference = paired_difference(values, per_replication(groups.front(), metric));
        paired[metric.key] = {{"mean_difference", difference.mean}, {"ci95", difference.half_width}};
      }
    }
    entry["metrics"] = metrics;
    if (&group != &groups.front()) {
      entry["paired_against"] = groups.front().router;
      entry["paired_difference"] = paired;
    }
    out.push_back(entry);
  }
  return out;
}

std::string aggregate_to_table(const ScenarioSpec& scenario, const std::vector<RunResult>& results) {
  const auto groups = group_by_router(results);
  const bool with_attack = attacked(results);
  const bool by_layer = layered(results);
  const SimulationConfig& sim = scenario.simulation;
  const auto replications = groups.empty() ? 0 : groups.front().by_replication.size();
  std::string out = fmt::format("scenario {} ({}): {} experts, k={}, capacity factor {:g}, overflow {}, seed {}\n",
                                scenario.name, scenario.source, sim.num_experts, sim.k, sim.capacity_factor,
                                to_string(sim.overflow), sim.master_seed);
  out += fmt::format("{} replication(s){}: mean ± 95% CI (Student t); Δ = paired difference against {} "
                     "(common random numbers)\n",
                     replications, by_layer ? ", each the mean over its trace layers" : "",
                     groups.empty() ? "-" : groups.front().router);
  const ComparedMetric& headline = headline_metric();
  out += fmt::format("{:<14}", "router");
  for (const auto& metric : compared_metrics())
    if (!metric.label.empty() && shown(metric, results, with_attack)) out += fmt::format(" {:>17}", metric.label);
  out += fmt::format(" {:>17}", std::string("Δ ") + headline.label);
  if (by_layer) out += fmt::format("  {}", "max/mean by layer min / median / max");
  out += "\n";
  for (const auto& group : groups) {
    out += fmt::format("{:<14}", group.router);
    for (const auto& metric : compared_metrics())
      if (!metric.label.empty() && shown(metric, results, with_attack))
        out += fmt::format(" {:>17}",
                           format_interval(mean_interval(per_replication(group, metric)), metric.precision, metric.scale));
    const std::string delta =
        &group == &groups.front()
            ? "-"
            : format_interval(paired_difference(per_replication(group, headline), per_replication(groups.front(), headline)),
                              headline.precision, headline.scale);
    out += fmt::format(" {:>17}", delta);
    if (by_layer) out += "  " + layer_spread(group);
    out += "\n";
  }
  return out + optimum_to_table(results, sim.k, with_attack);
}

nlohmann::ordered_json adversary_to_json(const AdversaryReport& report) {
  nlohmann::ordered_json j;
  j["amplification"] = report.amplification;
  j["benign_max_over_mean"] = report.benign_max_over_mean;
  j["attacked_max_over_mean"] = report.attacked_max_over_mean;
  j["victim_tokens"] = report.victims.tokens;
  j["victim_drop_rate"] = report.victims.drop_rate;
  j["victim_latency_mean"] = report.victims.latency_mean;
  j["victim_latency_p99"] = report.victims.latency_p99;
  j["benign_drop_rate"] = report.benign.drop_rate;
  j["benign_latency_mean"] = report.benign.latency_mean;
  j["benign_latency_p99"] = report.benign.latency_p99;
  j["benign_fill_ratio"] = report.benign_fill_ratio;
  j["attacked_fill_ratio"] = report.attacked_fill_ratio;
  j["victim_fill_ratio"] = report.victims.fill_ratio;
  j["benign_victim_fill_ratio"] = report.benign.fill_ratio;
  j["attack_tokens"] = report.attack_tokens;
  j["keys_found"] = report.stats.keys_found;
  j["keys_tried"] = report.stats.keys_tried;
  j["probe_tokens"] = report.stats.probe_tokens;
  return j;
}

std::string attack_to_table(const ScenarioSpec& scenario, const std::vector<RunResult>& results) {
  const bool structured = scenario.adversary.kind == AdversaryKind::phase_structure;
  const std::string baseline =
      structured ? "the attacker's degrees uniform_random → " + std::string(to_string(scenario.adversary.pattern))
                 : std::string("without → with the attacker");
  std::string out = fmt::format("attack on {}: amplification = attacked max/mean ÷ baseline max/mean; victims = the "
                                "benign tokens; each pair: {}\n",
                                scenario.name, baseline);
  out += fmt::format("{:<14} {:>4} {:>8} {:>17} {:>15} {:>21} {:>21} {:>8} {:>8}\n", "router", "rep", "amplif",
                     "max/mean", "fill", "victim drop%", "victim lat p99", "keys", "probes");
  for (const auto& result : results) {
    if (!result.adversary) continue;
    const AdversaryReport& a = *result.adversary;
    out += fmt::format("{:<14} {:>4} {:>8.3f} {:>17} {:>15} {:>21} {:>21} {:>8} {:>8}\n", result.router,
                       result.replication, a.amplification,
                       fmt::format("{:.3f} → {:.3f}", a.benign_max_over_mean, a.attacked_max_over_mean),
                       fmt::format("{:.3f} → {:.3f}", a.benign_fill_ratio, a.attacked_fill_ratio),
                       fmt::format("{:.2f} → {:.2f}", 100 * a.benign.drop_rate, 100 * a.victims.drop_rate),
                       fmt::format("{} → {}", a.benign.latency_p99, a.victims.latency_p99), a.stats.keys_found,
                       a.stats.probe_tokens);
  }
  return out;
}

}  // namespace routelab::cli
