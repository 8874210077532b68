#include "scenarios/run_builder/scenario_digest.hpp"

#include <fmt/format.h>

namespace routelab {

namespace {

// %a (hex float) keeps every bit of a double, so two values that differ anywhere differ here.
std::string exact(double value) { return fmt::format("{:a}", value); }

void add(std::string& out, const char* key, const std::string& value) {
  out += key;
  out += '=';
  out += value;
  out += '\n';
}

template <typename Integer>
void add_int(std::string& out, const char* key, Integer value) {
  add(out, key, std::to_string(value));
}

void add_simulation(std::string& out, const SimulationConfig& s) {
  add_int(out, "experts", s.num_experts);
  add_int(out, "servers", s.servers_per_expert);
  add_int(out, "service.distribution", static_cast<int>(s.service.distribution));
  add(out, "service.mean", exact(s.service.mean_ticks));
  add(out, "service.cv", exact(s.service.cv));
  std::string speeds;
  for (double speed : s.expert_speed) speeds += exact(speed) + ",";
  add(out, "speed", speeds);
  add_int(out, "k", s.k);
  add(out, "capacity_factor", exact(s.capacity_factor));
  add_int(out, "overflow", static_cast<int>(s.overflow));
  add_int(out, "queue_buffer", s.queue_buffer);
  add_int(out, "window_ticks", s.window_ticks);
  add_int(out, "queue_threshold", s.queue_threshold);
  add_int(out, "stop_tick", s.stop_tick);
  // Only when not the default, so that the digests of every scenario written before the option
  // existed stay what they were (cached models and stored sweeps are keyed by them).
  if (s.percentiles != PercentileMode::histogram) add_int(out, "percentiles", static_cast<int>(s.percentiles));
  add_int(out, "master_seed", s.master_seed);
}

void add_workload(std::string& out, const WorkloadSpec& w) {
  add_int(out, "batch_size", w.batch_size);
  add_int(out, "arrival", static_cast<int>(w.arrival));
  add(out, "interval", exact(w.interval_ticks));
  add_int(out, "keys", static_cast<int>(w.keys));
  add_int(out, "vocabulary", w.vocabulary);
  add(out, "zipf_s", exact(w.zipf_s));
  add_int(out, "total_tokens", w.total_tokens);
  add(out, "arrival_cv", exact(w.arrival_cv));
  add(out, "ramp", fmt::format("{}:{}:{}", w.ramp.enabled, exact(w.ramp.from), exact(w.ramp.to)));
  add(out, "mix", fmt::format("{}:{}:{}:{}", w.mix.enabled, w.mix.decode_size, w.mix.prefill_size,
                              exact(w.mix.prefill_share)));
  add_int(out, "kind", static_cast<int>(w.kind));
  add(out, "locality", fmt::format("{}:{}", exact(w.locality.reuse), w.locality.history));
  add(out, "semantic", fmt::format("{}:{}:{}:{}", w.semantic.classes, w.semantic.dim, exact(w.semantic.class_zipf_s),
                                   exact(w.semantic.spread)));
}

void add_adversary(std::string& out, const AdversarySpec& a) {
  add_int(out, "adversary.kind", static_cast<int>(a.kind));
  if (!a.enabled()) return;
  add(out, "adversary.share", exact(a.share));
  add_int(out, "adversary.placement", static_cast<int>(a.placement));
  add(out, "adversary.target", a.target);
  add_int(out, "adversary.target_experts", a.target_experts);
  add_int(out, "adversary.distinct_keys", a.distinct_keys);
  add_int(out, "adversary.search_budget", a.search_budget);
  add_int(out, "adversary.key_space", a.key_space);
  add_int(out, "adversary.hot_keys", a.hot_keys);
  std::string keys;
  for (auto key : a.keys) keys += std::to_string(key) + ",";
  add(out, "adversary.keys", keys);
  add_int(out, "adversary.probe_budget", a.probe_budget);
  add_int(out, "adversary.pattern", static_cast<int>(a.pattern));
  add_int(out, "adversary.max_degree", a.max_degree);
  add_int(out, "adversary.period", a.period);
}

}  // namespace

std::string scenario_digest(const ScenarioSpec& scenario) {
  std::string out;
  add_simulation(out, scenario.simulation);
  add_workload(out, scenario.workload);
  add(out, "trace.path", scenario.trace.path);
  add_int(out, "trace.format", static_cast<int>(scenario.trace.format));
  add_int(out, "trace.layer", scenario.trace.layer);
  add_int(out, "trace.skip_bad_rows", scenario.trace.skip_bad_rows ? 1 : 0);
  add_adversary(out, scenario.adversary);
  return out;
}

}  // namespace routelab
