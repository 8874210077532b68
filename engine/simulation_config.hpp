#pragma once
// Everything the engine needs to know about one run, already validated and typed.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/latency_distribution.hpp"
#include "engine/service_model.hpp"
#include "core/types.hpp"

namespace routelab {

// What happens to an assignment beyond its expert's per-batch capacity (or waiting buffer).
enum class OverflowPolicy {
  drop,         // over capacity: the assignment is dropped (Switch-style token dropping)
  queue,        // no capacity cut; waits in the expert's FIFO, dropped only if the buffer is full
  next_choice,  // over capacity: goes to the token's next-ranked expert with room, else dropped
};
OverflowPolicy parse_overflow_policy(std::string_view name, const std::string& field);
std::string_view to_string(OverflowPolicy policy);
PercentileMode parse_percentile_mode(std::string_view name, const std::string& field);
std::string_view to_string(PercentileMode mode);

struct SimulationConfig {
  int num_experts = 8;
  int servers_per_expert = 1;
  ServiceModel service;
  std::vector<double> expert_speed;     // one per expert; empty means all 1
  int k = 1;
  double capacity_factor = 0.0;         // per-batch capacity = ceil(cf * B * k / E * weight); <= 0: none
  OverflowPolicy overflow = OverflowPolicy::queue;
  std::int64_t queue_buffer = -1;       // waiting-line limit under `queue`; -1 unbounded
  Tick window_ticks = 1000;
  std::int64_t queue_threshold = -1;    // overload event while the waiting line exceeds it; -1 off
  Tick stop_tick = -1;                  // batches at or after this tick are not admitted; -1 none
  std::uint64_t master_seed = 1;
  std::uint64_t replication = 0;
  // How the summary's latency percentiles are kept: a histogram in fixed memory (within 0.4%), or
  // exact, keeping every latency (8 bytes a completed token; the oracle tests use it).
  PercentileMode percentiles = PercentileMode::histogram;

  void validate() const;  // throws ConfigError naming the field
  double speed(int expert) const { return expert_speed.empty() ? 1.0 : expert_speed[expert]; }
};

// Per-batch capacity of each expert, weighted by speed (weights normalized to mean 1).
void compute_batch_capacity(const SimulationConfig& config, std::size_t batch_size,
                            std::vector<std::int32_t>& capacity);

}  // namespace routelab
