#include "engine/summary_metrics.hpp"

#include <algorithm>

namespace routelab {

namespace {

using S = Summary;
MetricValue integer(std::int64_t v) { return v; }
MetricValue real(double v) { return v; }
bool has_cluster(const S& s) { return s.cluster.has_value(); }

// The order is the order of the JSON report and of docs/cli-json.md.
const SummaryMetric kMetrics[] = {
    {"tokens", "integer", "tokens", "tokens that arrived", BetterDirection::none, true, "tokens", 9, 0, 1,
     [](const S& s) { return integer(s.tokens); }},
    {"tokens_completed", "integer", "tokens", "tokens whose accepted assignments were all served",
     BetterDirection::higher, true, {}, 0, 0, 1, [](const S& s) { return integer(s.tokens_completed); }},
    {"tokens_unserved", "integer", "tokens", "tokens with no accepted assignment (all dropped)", BetterDirection::lower,
     true, {}, 0, 0, 1, [](const S& s) { return integer(s.tokens_unserved); }},
    {"batches", "integer", "batches", "batches dispatched", BetterDirection::none, true, {}, 0, 0, 1,
     [](const S& s) { return integer(s.batches); }},
    {"assignments", "integer", "assignments", "expert ids the router wrote in the first k columns",
     BetterDirection::none, true, {}, 0, 0, 1, [](const S& s) { return integer(s.assignments); }},
    {"assignments_dropped", "integer", "assignments", "dropped by the overflow policy", BetterDirection::lower, true,
     {}, 0, 0, 1, [](const S& s) { return integer(s.assignments_dropped); }},
    {"assignments_rerouted", "integer", "assignments", "accepted at a fallback expert (`next_choice`)",
     BetterDirection::none, true, {}, 0, 0, 1, [](const S& s) { return integer(s.assignments_rerouted); }},
    {"load_max_over_mean", "number", "ratio", "busiest expert's assignments / mean, whole run (1 = perfect)",
     BetterDirection::lower, true, "max/mean", 8, 3, 1, [](const S& s) { return real(s.load_max_over_mean); }},
    {"window_max_over_mean_mean", "number", "ratio", "mean over windows of the per-window max/mean",
     BetterDirection::lower, true, {}, 0, 0, 1, [](const S& s) { return real(s.window_max_over_mean_mean); }},
    {"window_max_over_mean_p99", "number", "ratio", "99th percentile over windows of the per-window max/mean",
     BetterDirection::lower, true, "win p99", 9, 3, 1, [](const S& s) { return real(s.window_max_over_mean_p99); }},
    {"cv", "number", "ratio", "coefficient of variation of per-expert assignments", BetterDirection::lower, true, "cv",
     6, 3, 1, [](const S& s) { return real(s.load_cv); }},
    {"gini", "number", "[0, 1]", "Gini coefficient of per-expert assignments", BetterDirection::lower, true, {}, 0, 0,
     1, [](const S& s) { return real(s.load_gini); }},
    {"entropy", "number", "[0, 1]", "Shannon entropy of the load shares / ln E", BetterDirection::higher, true, {}, 0,
     0, 1, [](const S& s) { return real(s.load_entropy); }},
    {"drop_rate", "number", "fraction", "`assignments_dropped / assignments`", BetterDirection::lower, true, "drop%", 7,
     2, 100, [](const S& s) { return real(s.drop_rate); }},
    {"fill_ratio", "number", "fraction", "`assignments / (tokens * k)`; below 1 when a router leaves slots empty",
     BetterDirection::higher, true, "fill", 7, 3, 1, [](const S& s) { return real(s.fill_ratio); }},
    {"utilization", "number", "fraction", "busy server-ticks / (servers * E * end_tick)", BetterDirection::none, true,
     {}, 0, 0, 1, [](const S& s) { return real(s.utilization); }},
    {"latency_mean", "number", "ticks", "mean token latency (arrival to last assignment served)",
     BetterDirection::lower, true, {}, 0, 0, 1, [](const S& s) { return real(s.latency_mean); }},
    {"latency_p50", "integer", "ticks", "median token latency (nearest rank; within 0.4% unless metrics.percentiles is exact)", BetterDirection::lower, true, "lat p50",
     8, 0, 1, [](const S& s) { return integer(s.latency_p50); }},
    {"latency_p95", "integer", "ticks", "95th percentile of token latency (nearest rank; within 0.4% unless metrics.percentiles is exact)", BetterDirection::lower,
     true, {}, 0, 0, 1, [](const S& s) { return integer(s.latency_p95); }},
    {"latency_p99", "integer", "ticks", "99th percentile of token latency (nearest rank; within 0.4% unless metrics.percentiles is exact)", BetterDirection::lower,
     true, "lat p99", 8, 0, 1, [](const S& s) { return integer(s.latency_p99); }},
    {"latency_max", "integer", "ticks", "longest token latency", BetterDirection::lower, true, {}, 0, 0, 1,
     [](const S& s) { return integer(s.latency_max); }},
    {"mean_wait", "number", "ticks", "mean wait of an accepted assignment before its service starts (Wq)",
     BetterDirection::lower, true, {}, 0, 0, 1, [](const S& s) { return real(s.mean_wait); }},
    {"mean_sojourn", "number", "ticks", "mean time of an accepted assignment at its expert, wait + service (W)",
     BetterDirection::lower, true, {}, 0, 0, 1, [](const S& s) { return real(s.mean_sojourn); }},
    {"mean_waiting", "number", "assignments",
     "time-average number of assignments waiting, all experts (Lq = accepted_rate * mean_wait)",
     BetterDirection::lower, true, {}, 0, 0, 1, [](const S& s) { return real(s.mean_waiting); }},
    {"mean_in_system", "number", "assignments",
     "time-average number of assignments waiting or in service, all experts (L = accepted_rate * mean_sojourn)",
     BetterDirection::lower, true, {}, 0, 0, 1, [](const S& s) { return real(s.mean_in_system); }},
    {"arrival_rate", "number", "tokens per tick", "tokens that arrived / end_tick", BetterDirection::none, true, {}, 0,
     0, 1, [](const S& s) { return real(s.arrival_rate); }},
    {"accepted_rate", "number", "assignments per tick", "accepted assignments / end_tick (the lambda of L = lambda W)",
     BetterDirection::none, true, {}, 0, 0, 1, [](const S& s) { return real(s.accepted_rate); }},
    {"overload_events", "integer", "events",
     "overload events (queue above threshold, or batch arrivals above capacity)", BetterDirection::lower, true,
     "overloads", 9, 0, 1, [](const S& s) { return integer(s.overload_events); }},
    {"windows", "integer", "windows", "metric windows closed", BetterDirection::none, true, {}, 0, 0, 1,
     [](const S& s) { return integer(s.windows); }},
    {"end_tick", "integer", "ticks", "tick of the last arrival or completion", BetterDirection::none, true, {}, 0, 0, 1,
     [](const S& s) { return integer(s.end_tick); }},
    {"events", "integer", "events", "simulation events processed", BetterDirection::none, true, {}, 0, 0, 1,
     [](const S& s) { return integer(s.events); }},
    {"expert_load", "array of integers", "assignments", "per-expert assignments chosen by the router",
     BetterDirection::none, true, {}, 0, 0, 1, [](const S& s) { return MetricValue(s.expert_load); }},
    {"expert_served", "array of integers", "assignments",
     "per-expert assignments accepted (served or still queued at the end)", BetterDirection::none, true, {}, 0, 0, 1,
     [](const S& s) { return MetricValue(s.expert_served); }},
    {"step_time_mean", "number", "microseconds", "cluster: mean expert-parallel step (dispatch + slowest GPU + combine)",
     BetterDirection::lower, true, "step us", 9, 1, 1, [](const S& s) { return real(s.cluster->step_time_mean); }, has_cluster},
    {"step_time_p50", "number", "microseconds", "cluster: median step time (nearest rank)", BetterDirection::lower, true,
     {}, 0, 0, 1, [](const S& s) { return real(s.cluster->step_time_p50); }, has_cluster},
    {"step_time_p99", "number", "microseconds", "cluster: 99th percentile of the step time (nearest rank)",
     BetterDirection::lower, true, "step p99", 9, 1, 1, [](const S& s) { return real(s.cluster->step_time_p99); }, has_cluster},
    {"straggler_ratio", "number", "ratio", "cluster: slowest GPU's compute / mean GPU's, per step, averaged (1 = even)",
     BetterDirection::lower, true, "straggler", 9, 3, 1, [](const S& s) { return real(s.cluster->straggler_ratio); }, has_cluster},
    {"alltoall_time_mean", "number", "microseconds", "cluster: mean dispatch + combine all-to-all time per step",
     BetterDirection::lower, true, "a2a us", 9, 1, 1, [](const S& s) { return real(s.cluster->alltoall_time_mean); },
     has_cluster},
    {"cross_node_bytes_per_token", "number", "bytes per token",
     "cluster: bytes crossing nodes (dispatch + combine) / tokens", BetterDirection::lower, true, "xnode B/tok", 11, 0, 1,
     [](const S& s) { return real(s.cluster->cross_node_bytes_per_token); }, has_cluster},
    {"link_utilization_max", "number", "fraction", "cluster: busiest link's transfer time / total step time",
     BetterDirection::lower, true, "link max", 8, 3, 1, [](const S& s) { return real(s.cluster->link_utilization_max); },
     has_cluster},
    {"cluster_tokens_per_second", "number", "tokens per second",
     "cluster: tokens / total step time of the modelled deployment (0 when steps take no time)",
     BetterDirection::higher, true, "tokens/s", 10, -1, 1, [](const S& s) { return real(s.cluster->cluster_tokens_per_second); },
     has_cluster},
    {"fingerprint", "string", "16 hex digits", "hash of the event sequence (tick, kind, expert, token)",
     BetterDirection::none, true, {}, 0, 0, 1, [](const S& s) { return MetricValue(fingerprint_hex(s.fingerprint)); }},
    {"wall_seconds", "number", "seconds", "wall-clock time of the run (**not deterministic**)", BetterDirection::lower,
     false, {}, 0, 0, 1, [](const S& s) { return real(s.wall_seconds); }},
    {"events_per_second", "number", "events/s", "`events / wall_seconds` (**not deterministic**)",
     BetterDirection::higher, false, "events/s", 10, -1, 1, [](const S& s) { return real(s.events_per_second); }},
};

}  // namespace

std::string_view to_string(BetterDirection better) {
  switch (better) {
    case BetterDirection::lower: return "lower";
    case BetterDirection::higher: return "higher";
    case BetterDirection::none: return "";
  }
  return "";
}

double SummaryMetric::number(const Summary& summary) const {
  if (!has(summary)) return 0;
  const MetricValue value = read(summary);
  if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&value)) return *d;
  return 0;
}

std::span<const SummaryMetric> summary_metrics() { return kMetrics; }

const SummaryMetric* find_summary_metric(std::string_view name) {
  const auto* found =
      std::find_if(std::begin(kMetrics), std::end(kMetrics), [&](const SummaryMetric& m) { return m.name == name; });
  return found == std::end(kMetrics) ? nullptr : found;
}

}  // namespace routelab
