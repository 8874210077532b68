#pragma once
// A scenario, parsed once at the boundary into typed, validated structs.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/simulation_config.hpp"
#include "routers/router_config.hpp"

namespace routelab {

enum class ArrivalProcess { fixed, poisson };
enum class KeyDistribution { uniform, zipf };

struct WorkloadSpec {
  int batch_size = 256;
  ArrivalProcess arrival = ArrivalProcess::fixed;
  double interval_ticks = 1000;       // mean gap between batches
  KeyDistribution keys = KeyDistribution::uniform;
  std::uint64_t vocabulary = 50257;
  double zipf_s = 1.0;
  std::int64_t total_tokens = 100000; // stop after this many tokens (<= 0: no token limit)
};

struct RouterSpec {
  std::string name;
  RouterParams params;
  // Learned routers: the model to load (prepare_learned_routers fills these from the `model`
  // file, or by training in-process) and how long in-process training took (0 if it did not).
  std::string model_json = {};
  std::string model_source = {};
  double training_seconds = 0;
};

struct ScenarioSpec {
  std::string name;
  std::string description;
  std::string source;            // file path, or "builtin:NAME"
  SimulationConfig simulation;   // experts, service, routing, metrics, seed
  WorkloadSpec workload;
  int replications = 1;
  std::vector<RouterSpec> routers;  // empty: every registered router

  void validate() const;  // throws ConfigError naming the field
};

// The router config for `router` in replication `replication` of `scenario`: its seed is the
// named stream "router/<name>", so routers never share or shift the workload's stream.
RouterConfig make_router_config(const ScenarioSpec& scenario, const RouterSpec& router, std::uint64_t replication);

}  // namespace routelab
