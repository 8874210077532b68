#include "scenarios/run_budget.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

#include "core/errors.hpp"
#include "engine/tick_limits.hpp"
#include "scenarios/traces/routing_trace.hpp"

namespace routelab {

namespace {

// Bytes kept per token for the whole run: only its latency, and only with exact percentiles
// (metrics.percentiles = "exact"); the histogram's memory is fixed.
constexpr double kBytesPerExactLatency = 8;
// Per-token state while a token is in flight (engine/in_flight_tokens.hpp: 40-byte slots), for
// the batches assumed in flight at once, rounded up: memory follows what is in flight.
constexpr double kInFlightBytesPerToken = 48;
constexpr double kBatchesInFlight = 16;
// Bytes per closed window that stay in memory (max/mean per window) and per expert and window
// that a sink may buffer (the app's ring keeps whole runs).
constexpr double kBytesPerWindow = 16;
// Work: about an hour on one core at the kernel's ~10^7 events per second (bench/RESULTS.md),
// times three for the margin of a coarse estimate.
constexpr double kWorkUnits = 1e11;
// Without a readable machine size (never on Linux), assume a small machine.
constexpr double kFallbackMemory = 4.0 * (1ull << 30);

struct Part {
  const char* key;
  double bytes;
};

double physical_memory() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page = ::sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page) : kFallbackMemory;
}

double largest_trace_tick(const RoutingTrace& trace) {
  double last = 0;
  for (const auto& layer : trace.layers)
    if (!layer.groups.empty()) last = std::max(last, static_cast<double>(layer.groups.back()));
  return last;
}

double trace_tokens(const RoutingTrace& trace, int layer) {
  double tokens = 0;
  for (int l = 1; l <= trace.layer_count(); ++l)
    if (layer == 0 || l == layer) tokens = std::max(tokens, static_cast<double>(trace.layers[l - 1].size()));
  return tokens;
}

// The key whose value drives the end tick: the service time when the queue drains after the
// arrivals, else what sets the arrivals' span.
std::string span_key(const ScenarioSpec& spec, double arrivals_end, double drain) {
  if (drain > arrivals_end) return "experts.service.mean_ticks";
  if (spec.trace.enabled() && spec.workload.arrival == ArrivalProcess::trace) return "trace (its last tick)";
  if (spec.simulation.stop_tick >= 0 && spec.simulation.stop_tick <= arrivals_end) return "length.ticks";
  return "batches.interval_ticks";
}

[[noreturn]] void refuse(const std::string& key, const std::string& what) {
  throw ConfigError(key, what + "; change the scenario, or pass --ignore-budget to run it anyway");
}

struct Estimated {
  RunEstimate estimate;
  double arrivals_end = 0;
  double drain = 0;
};

Estimated estimate(const ScenarioSpec& spec) {
  const WorkloadSpec& w = spec.workload;
  const SimulationConfig& sim = spec.simulation;
  Estimated e;
  RunEstimate& run = e.estimate;
  const double batch = std::max(1, w.batch_size);
  const double interval = w.interval_ticks > 0 ? w.interval_ticks : 1;
  const double ramp = w.ramp.enabled ? std::max(1e-9, (w.ramp.from + w.ramp.to) / 2) : 1.0;
  const double tokens_per_tick = batch / interval * ramp;
  const bool replay_ticks = spec.trace.data && spec.workload.arrival == ArrivalProcess::trace;
  if (spec.trace.data) {
    run.tokens = trace_tokens(*spec.trace.data, spec.trace.layer);
    e.arrivals_end = replay_ticks && spec.trace.data->groups_are_ticks ? largest_trace_tick(*spec.trace.data)
                                                                       : run.tokens / tokens_per_tick;
  } else if (w.total_tokens > 0) {
    run.tokens = static_cast<double>(w.total_tokens);
    e.arrivals_end = run.tokens / tokens_per_tick;
  } else {
    e.arrivals_end = static_cast<double>(std::max<Tick>(sim.stop_tick, 0));
    run.tokens = e.arrivals_end * tokens_per_tick + batch;
  }
  if (sim.stop_tick >= 0 && !replay_ticks) {
    e.arrivals_end = std::min(e.arrivals_end, static_cast<double>(sim.stop_tick));
    run.tokens = std::min(run.tokens, e.arrivals_end * tokens_per_tick + batch);
  }
  // Served at the experts' aggregate rate once the arrivals stop (a balanced router; the end of a
  // skewed one is later by at most the number of experts).
  double mean_speed = 1;
  double slowest = 1;
  if (!sim.expert_speed.empty()) {
    mean_speed = 0;
    for (double s : sim.expert_speed) mean_speed += s;
    mean_speed /= static_cast<double>(sim.expert_speed.size());
    slowest = *std::min_element(sim.expert_speed.begin(), sim.expert_speed.end());
  }
  const double assignments = run.tokens * sim.k;
  const double servers = static_cast<double>(sim.num_experts) * std::max(1, sim.servers_per_expert) * mean_speed;
  e.drain = assignments * sim.service.mean_ticks / servers;
  run.end_tick = std::max(e.arrivals_end, e.drain) + sim.service.mean_ticks / slowest;
  run.windows = run.end_tick / static_cast<double>(std::max<Tick>(sim.window_ticks, 1)) + 1;
  run.work_units = 3 * assignments + run.windows * (sim.num_experts + 1);
  return e;
}

std::vector<Part> memory_parts(const ScenarioSpec& spec, const RunEstimate& run) {
  const WorkloadSpec& w = spec.workload;
  const double largest_batch = w.mix.enabled ? std::max({w.batch_size, w.mix.decode_size, w.mix.prefill_size})
                                             : std::max(1, w.batch_size);
  std::vector<Part> parts = {
      {"length.tokens", spec.simulation.percentiles == PercentileMode::exact ? run.tokens * kBytesPerExactLatency : 0.0},
      {"metrics.window_ticks", run.windows * (kBytesPerWindow + 8.0 * spec.simulation.num_experts)},
      // routes, fallbacks, capacity and placement tables of one batch, 4-byte ids
      {"batches.size", largest_batch * (4.0 * spec.simulation.k + 64 + kBatchesInFlight * kInFlightBytesPerToken)},
  };
  if (w.keys == KeyDistribution::zipf && w.kind != TokenKind::trace)
    parts.push_back({"tokens.vocabulary", 8.0 * static_cast<double>(w.vocabulary)});  // the Zipf CDF
  if (w.kind == TokenKind::semantic) {
    const double dim = std::max(1, w.semantic.dim);
    parts.push_back({"tokens.semantic.classes", static_cast<double>(w.semantic.classes) * (4.0 * dim + 8.0)});
    parts.push_back({"tokens.semantic.dim", largest_batch * 4.0 * dim});  // one batch's embeddings
  }
  if (w.kind == TokenKind::locality)
    parts.push_back({"tokens.locality.history", 8.0 * std::max(0, w.locality.history)});
  return parts;
}

}  // namespace

RunBudget RunBudget::for_this_machine() { return RunBudget{physical_memory() / 2, kWorkUnits}; }

RunEstimate estimate_run(const ScenarioSpec& spec) {
  RunEstimate run = estimate(spec).estimate;
  for (const Part& part : memory_parts(spec, run)) run.memory_bytes += part.bytes;
  return run;
}

void check_run_budget(const ScenarioSpec& spec, const RunBudget& budget, int parallel_runs) {
  const Estimated e = estimate(spec);
  const RunEstimate& run = e.estimate;
  const std::string key = span_key(spec, e.arrivals_end, e.drain);
  if (run.end_tick > static_cast<double>(kMaxTick))
    refuse(key, "the run would last until about tick " + approximate(run.end_tick) +
                    ", beyond the largest tick the simulator keeps exact (2^53 = " + approximate(kMaxTick) + ")");
  if (run.work_units > budget.work_units)
    refuse(run.windows * (spec.simulation.num_experts + 1) > 3 * run.tokens * spec.simulation.k
               ? key + " / metrics.window_ticks"
               : std::string("length.tokens"),
           "the run would take about " + approximate(run.work_units) + " units of work (" + approximate(run.tokens) +
               " tokens, " + approximate(run.windows) + " windows of " + std::to_string(spec.simulation.window_ticks) +
               " ticks until tick " + approximate(run.end_tick) + "), over the budget of " +
               approximate(budget.work_units) + " (hours of simulation)");
  const double runs = std::max(1, parallel_runs);
  double total = 0;
  for (const Part& part : memory_parts(spec, run)) {
    total += part.bytes;
    if (part.bytes * runs > budget.memory_bytes)
      refuse(part.key, "the run would need about " + approximate_bytes(part.bytes * runs) + " of memory for it" +
                           (runs > 1 ? " (" + approximate(runs) + " runs at once)" : std::string()) +
                           ", over this machine's budget of " + approximate_bytes(budget.memory_bytes) +
                           " (half its memory)");
  }
  if (total * runs > budget.memory_bytes)
    refuse("scenario", "the run would need about " + approximate_bytes(total * runs) +
                           " of memory, over this machine's budget of " + approximate_bytes(budget.memory_bytes));
}

std::string approximate(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

std::string approximate_bytes(double bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  std::size_t unit = 0;
  while (bytes >= 1024 && unit + 1 < std::size(kUnits)) {
    bytes /= 1024;
    ++unit;
  }
  return approximate(bytes) + " " + kUnits[unit];
}

}  // namespace routelab
