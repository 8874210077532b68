#pragma once
// What a run reports: per-window loads, overload events, and the whole-run summary.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/percentile.hpp"  // the summaries' percentiles
#include "core/types.hpp"
#include "engine/window_figures.hpp"

namespace routelab {

// One metric window [start, end) of `window_ticks` ticks; the vectors have one entry per expert.
struct LoadWindow {
  std::int64_t index = 0;
  Tick start = 0;
  Tick end = 0;
  std::span<const std::int64_t> arrivals;    // assignments the router sent to each expert
  std::span<const std::int64_t> drops;       // of those, dropped by the overflow policy (at the router's pick)
  std::span<const std::int64_t> peak_queue;  // longest waiting line seen in the window
  std::span<const double> utilization;       // busy server-ticks / (servers x window length)
  // Latency (ticks) of each token whose last assignment completed in this window, in completion
  // order; lets a sink compute per-window latency percentiles (the GUI's p99 line).
  std::span<const std::int64_t> completed_latencies;
  // Assignments each expert took into its servers or waiting line in the window -- at the expert
  // that took them: under next_choice a rerouted assignment counts at its fallback, while its
  // arrival counts at the router's pick -- and those whose service completed there in the window.
  // Over a drained run, per expert: the windows' accepted sum to their served. (After the views
  // above, with initialisers, so that positional initialisers written before them -- the app's test
  // data and benchmark feed -- still compile, without warnings.)
  std::span<const std::int64_t> accepted{};
  std::span<const std::int64_t> served{};
  // Totals and extremes over the experts, computed once by the run statistics
  // (compute_window_figures): what the app plots and the sweep's windows table stores.
  WindowFigures figures{};
};

enum class OverloadCause { queue_above_threshold, arrivals_above_capacity };
std::string_view to_string(OverloadCause cause);

struct OverloadEvent {
  ExpertId expert = 0;
  Tick start = 0;
  Tick end = 0;
  std::int64_t peak = 0;  // longest queue, or most arrivals in one batch
  OverloadCause cause = OverloadCause::queue_above_threshold;
};

// Expert-parallel step figures (cluster/, docs/cluster.md); a Summary has them only when its
// scenario has a [cluster] section. Times in microseconds of the modelled deployment.
struct ClusterFigures {
  double step_time_mean = 0;
  double step_time_p50 = 0;
  double step_time_p99 = 0;
  double straggler_ratio = 0;           // slowest GPU's compute / mean GPU's, per step, averaged
  double alltoall_time_mean = 0;        // dispatch + combine, per step
  double cross_node_bytes_per_token = 0;
  double link_utilization_max = 0;      // busiest link's drain time / total step time
  double cluster_tokens_per_second = 0; // tokens / total step time (0 when steps take no time)
};

struct Summary {
  std::int64_t tokens = 0;
  std::int64_t tokens_completed = 0;
  std::int64_t tokens_unserved = 0;  // every assignment dropped (or none made)
  std::int64_t batches = 0;
  std::int64_t assignments = 0;      // ids the router wrote in the first k columns
  std::int64_t assignments_dropped = 0;
  std::int64_t assignments_rerouted = 0;  // accepted at a fallback expert (next_choice)
  std::int64_t overload_events = 0;
  std::int64_t windows = 0;
  Tick end_tick = 0;

  std::vector<std::int64_t> expert_load;    // router-chosen assignments per expert, whole run
  std::vector<std::int64_t> expert_served;  // assignments actually served per expert

  double load_max_over_mean = 0;
  double load_cv = 0;
  double load_gini = 0;
  double load_entropy = 0;  // normalized to [0, 1] by ln(E)
  double window_max_over_mean_mean = 0;
  double window_max_over_mean_p99 = 0;
  double drop_rate = 0;     // dropped / assignments
  double fill_ratio = 0;    // assignments / (tokens x k)
  double utilization = 0;   // busy server-ticks / (servers x E x end_tick)

  double latency_mean = 0;  // ticks, token arrival to its last assignment's completion
  std::int64_t latency_p50 = 0;
  std::int64_t latency_p95 = 0;
  std::int64_t latency_p99 = 0;
  std::int64_t latency_max = 0;

  // Per-assignment queueing figures (for the oracles and Little's law).
  double mean_wait = 0;              // arrival at the expert to service start
  double mean_sojourn = 0;           // arrival at the expert to service completion
  double mean_waiting = 0;           // time-average number waiting, all experts
  double mean_in_system = 0;         // time-average number waiting or in service
  double accepted_rate = 0;          // accepted assignments per tick
  double arrival_rate = 0;           // tokens that arrived per tick

  std::int64_t events = 0;
  std::uint64_t fingerprint = 0;
  double wall_seconds = 0;           // wall clock: excluded from determinism comparisons
  double events_per_second = 0;      // wall clock
  std::optional<ClusterFigures> cluster;  // set by the run builder when the scenario has a cluster
};

std::string fingerprint_hex(std::uint64_t fingerprint);

// Load-balance statistics of a vector of per-expert loads.
double max_over_mean(std::span<const std::int64_t> loads);
double coefficient_of_variation(std::span<const std::int64_t> loads);
double gini(std::span<const std::int64_t> loads);
double normalized_entropy(std::span<const std::int64_t> loads);


}  // namespace routelab
