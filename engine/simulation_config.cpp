#include "engine/simulation_config.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "core/batch_capacity.hpp"
#include "core/errors.hpp"
#include "engine/tick_limits.hpp"

namespace routelab {

OverflowPolicy parse_overflow_policy(std::string_view name, const std::string& field) {
  if (name == "drop") return OverflowPolicy::drop;
  if (name == "queue") return OverflowPolicy::queue;
  if (name == "next_choice") return OverflowPolicy::next_choice;
  throw ConfigError(field, "expected one of drop, queue, next_choice; got '" + std::string(name) + "'");
}

std::string_view to_string(OverflowPolicy policy) {
  switch (policy) {
    case OverflowPolicy::drop: return "drop";
    case OverflowPolicy::queue: return "queue";
    case OverflowPolicy::next_choice: return "next_choice";
  }
  return "?";
}

PercentileMode parse_percentile_mode(std::string_view name, const std::string& field) {
  if (name == "histogram") return PercentileMode::histogram;
  if (name == "exact") return PercentileMode::exact;
  throw ConfigError(field, "expected one of histogram, exact; got '" + std::string(name) + "'");
}

std::string_view to_string(PercentileMode mode) { return mode == PercentileMode::exact ? "exact" : "histogram"; }

void SimulationConfig::validate() const {
  constexpr int kMaxExperts = 1 << 22;  // the event payload packs expert ids into 22 bits
  if (num_experts < 1 || num_experts > kMaxExperts)
    throw ConfigError("experts.count", "expected 1.." + std::to_string(kMaxExperts));
  if (servers_per_expert < 1) throw ConfigError("experts.servers", "expected at least 1 server per expert");
  service.validate("experts.service");
  if (!expert_speed.empty()) {
    if (static_cast<int>(expert_speed.size()) != num_experts)
      throw ConfigError("experts.speed", "expected one speed per expert (" + std::to_string(num_experts) + ")");
    for (double s : expert_speed)
      if (!(s > 0.0) || !std::isfinite(s)) throw ConfigError("experts.speed", "expected positive speeds");
  }
  // A slow expert's service time is mean / speed ticks; beyond kMaxServiceTicks the clock's sums
  // would overflow (speed 1e-300 did, issue 16).
  const double slowest = expert_speed.empty() ? 1.0 : *std::min_element(expert_speed.begin(), expert_speed.end());
  if (service.mean_ticks / slowest > static_cast<double>(kMaxServiceTicks)) {
    char ticks[32];  // %.3g: std::to_string printed 1e+300 as 301 digits
    std::snprintf(ticks, sizeof ticks, "%.3g", service.mean_ticks / slowest);
    throw ConfigError(expert_speed.empty() || slowest == 1.0 ? "experts.service.mean_ticks" : "experts.speed",
                      std::string("a mean service time of ") + ticks +
                          " ticks (mean_ticks / speed) is beyond the limit of 2^40 ticks; raise the speed or "
                          "lower experts.service.mean_ticks");
  }
  if (k < 1 || k > num_experts)
    throw ConfigError("routing.k", "expected 1 <= k <= number of experts (" + std::to_string(num_experts) + ")");
  if (!std::isfinite(capacity_factor)) throw ConfigError("routing.capacity_factor", "expected a finite number");
  if (overflow != OverflowPolicy::queue && capacity_factor <= 0.0)
    throw ConfigError("routing.capacity_factor",
                      "overflow policy '" + std::string(to_string(overflow)) + "' needs a positive capacity factor");
  if (queue_buffer < -1) throw ConfigError("routing.buffer", "expected -1 (unbounded) or a size >= 0");
  if (window_ticks < 1 || window_ticks > kMaxTick)
    throw ConfigError("metrics.window_ticks", "expected 1.." + std::to_string(kMaxTick) + " (2^53) ticks");
  if (stop_tick > kMaxTick)
    throw ConfigError("length.ticks", "expected at most " + std::to_string(kMaxTick) + " (2^53) ticks");
  if (queue_threshold < -1) throw ConfigError("metrics.queue_threshold", "expected -1 (off) or >= 0");
}

void compute_batch_capacity(const SimulationConfig& config, std::size_t batch_size,
                            std::vector<std::int32_t>& capacity) {
  batch_capacity_of_experts(batch_size, config.k, config.num_experts, config.capacity_factor, config.expert_speed,
                            capacity);
}

}  // namespace routelab
