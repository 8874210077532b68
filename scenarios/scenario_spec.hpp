#pragma once
// A scenario, parsed once at the boundary into typed, validated structs.
#include <cstdint>
#include <string>
#include <vector>

#include "cluster/cluster_spec.hpp"
#include "engine/simulation_config.hpp"
#include "routers/router_config.hpp"
#include "scenarios/adversaries/adversary_spec.hpp"
#include "scenarios/traces/trace_spec.hpp"

namespace routelab {

enum class ArrivalProcess { fixed, poisson, gamma, trace };
enum class KeyDistribution { uniform, zipf };
// How the keys of consecutive tokens relate (docs/scenarios.md, "Workloads").
enum class TokenKind { independent, locality, semantic, trace };

// The arrival rate moves linearly from `from` x to `to` x the nominal rate over the run's length.
struct LoadRampSpec {
  bool enabled = false;
  double from = 1.0;
  double to = 1.0;
};

// Decode-size and prefill-size batches mixed; gaps scale with the batch size so that the token
// rate stays batches.size / batches.interval_ticks.
struct BatchMixSpec {
  bool enabled = false;
  int decode_size = 64;
  int prefill_size = 16384;
  double prefill_share = 0.02;  // probability that a batch is a prefill
};

// Consecutive tokens reuse one of the last `history` keys with probability `reuse`.
struct LocalitySpec {
  double reuse = 0.5;
  int history = 64;
};

// Tokens carry a semantic class (Zipf popularity) and an embedding drawn around its class centre.
struct SemanticSpec {
  int classes = 16;
  int dim = 32;
  double class_zipf_s = 1.0;
  double spread = 0.25;  // standard deviation per coordinate around the (unit-norm) class centre
};

struct WorkloadSpec {
  int batch_size = 256;
  ArrivalProcess arrival = ArrivalProcess::fixed;
  double interval_ticks = 1000;       // mean gap between batches
  KeyDistribution keys = KeyDistribution::uniform;
  std::uint64_t vocabulary = 50257;
  double zipf_s = 1.0;
  std::int64_t total_tokens = 100000; // stop after this many tokens (<= 0: no token limit)
  double arrival_cv = 1.0;            // gamma arrivals: coefficient of variation of the gaps
  LoadRampSpec ramp;
  BatchMixSpec mix;
  TokenKind kind = TokenKind::independent;
  LocalitySpec locality;
  SemanticSpec semantic;
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
  TraceSpec trace;                  // enabled when tokens.kind = "trace"
  AdversarySpec adversary;          // enabled when [adversary] names a kind
  cluster::ClusterSpec cluster;     // enabled when the file has a [cluster] section

  void validate() const;  // throws ConfigError naming the field
};

// Two routers of one name in one comparison would share a seed, an output folder and a row name
// (issue 16): rejected, naming `field` ("routers" gives "routers[i].name" keys).
void check_distinct_routers(const std::vector<RouterSpec>& routers, const std::string& field);

// Router `name` as `scenario` runs it: with the parameters the scenario's [[routers]] list gives
// it, or the router's defaults when the scenario does not list it (the CLI, Python and the app).
RouterSpec scenario_router(const ScenarioSpec& scenario, const std::string& name);

// The router config for `router` in replication `replication` of `scenario`: its seed is the
// named stream "router/<name>", so routers never share or shift the workload's stream.
RouterConfig make_router_config(const ScenarioSpec& scenario, const RouterSpec& router, std::uint64_t replication);

}  // namespace routelab
