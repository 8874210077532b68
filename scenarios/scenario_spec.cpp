#include "scenarios/scenario_spec.hpp"

#include <cmath>
#include <map>

#include "core/errors.hpp"
#include "core/rng_streams.hpp"

namespace routelab {

namespace {

// The degree pattern must fit the phase router's expert ring: the generator's own checks, named
// by their scenario keys (adversary.max_degree, adversary.period).
void validate_phase_structure(const AdversarySpec& adversary, int experts) {
  if (adversary.max_degree > experts)
    throw ConfigError("adversary.max_degree", "expected 1.." + std::to_string(experts) + " (experts.count), got " +
                                                  std::to_string(adversary.max_degree));
  DegreePatternSpec pattern{adversary.pattern, 0, experts, adversary.max_degree > 0 ? adversary.max_degree : experts,
                            adversary.period};
  RngEngine unused(0);
  try {
    make_degree_pattern(pattern, unused);
  } catch (const ConfigError& error) {
    const std::string what = error.what();
    throw ConfigError("adversary." + error.field(), what.substr(error.field().size() + 2));
  }
}

}  // namespace

RouterSpec scenario_router(const ScenarioSpec& scenario, const std::string& name) {
  for (const RouterSpec& listed : scenario.routers)
    if (listed.name == name) return listed;
  return RouterSpec{name, {}};
}

void check_distinct_routers(const std::vector<RouterSpec>& routers, const std::string& field) {
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < routers.size(); ++i) {
    const auto [at, fresh] = first.emplace(routers[i].name, i);
    if (fresh) continue;
    const bool listed = field == "routers";
    throw ConfigError(listed ? "routers[" + std::to_string(i) + "].name" : field,
                      "router '" + routers[i].name + "' is listed twice" +
                          (listed ? " (also routers[" + std::to_string(at->second) + "])" : std::string()) +
                          ": a comparison runs each router once, under its name and its seed; to compare "
                          "parameter variants of one router use a sweep, where each entry takes a `label`");
  }
}

void ScenarioSpec::validate() const {
  simulation.validate();
  cluster.validate(simulation.num_experts);
  check_distinct_routers(routers, "routers");
  if (workload.batch_size < 1) throw ConfigError("batches.size", "expected at least 1 token per batch");
  if (!(workload.interval_ticks > 0) || !std::isfinite(workload.interval_ticks))
    throw ConfigError("batches.interval_ticks", "expected a positive number of ticks");
  if (workload.vocabulary < 1) throw ConfigError("tokens.vocabulary", "expected at least 1 key");
  if (workload.keys == KeyDistribution::zipf && (!(workload.zipf_s > 0) || !std::isfinite(workload.zipf_s)))
    throw ConfigError("tokens.zipf_s", "expected a positive exponent");
  const bool replay = workload.kind == TokenKind::trace;
  if (workload.total_tokens <= 0 && simulation.stop_tick < 0 && !replay)
    throw ConfigError("length", "expected a token count or a tick count (the run must end)");
  if (replications < 1) throw ConfigError("replications", "expected at least 1");
  if (replay != trace.enabled()) throw ConfigError("trace", "tokens.kind = \"trace\" and a [trace] path go together");
  if (workload.arrival == ArrivalProcess::trace && !replay)
    throw ConfigError("batches.arrival", "\"trace\" needs tokens.kind = \"trace\"");
  if (workload.arrival == ArrivalProcess::trace && (workload.ramp.enabled || workload.mix.enabled))
    throw ConfigError("batches", "arrival = \"trace\" takes the batches from the trace: no ramp or mix");
  if (workload.arrival == ArrivalProcess::gamma && !(workload.arrival_cv > 0))
    throw ConfigError("batches.cv", "expected a positive coefficient of variation");
  if (workload.ramp.enabled && (!(workload.ramp.from > 0) || !(workload.ramp.to > 0)))
    throw ConfigError("batches.ramp", "expected positive rate multipliers");
  if (workload.kind == TokenKind::locality && workload.locality.history < 1)
    throw ConfigError("tokens.locality.history", "expected at least 1 remembered key");
  if (workload.kind == TokenKind::semantic) {
    if (workload.semantic.classes < 1 || static_cast<std::uint64_t>(workload.semantic.classes) > workload.vocabulary)
      throw ConfigError("tokens.semantic.classes", "expected 1 <= classes <= tokens.vocabulary (each class owns keys)");
    if (workload.semantic.dim < 1) throw ConfigError("tokens.semantic.dim", "expected at least 1 dimension");
  }
  if (adversary.enabled()) {
    if (!(adversary.share > 0 && adversary.share < 1)) throw ConfigError("adversary.share", "expected a share in (0, 1)");
    if (adversary.target_experts > simulation.num_experts)
      throw ConfigError("adversary.target_experts",
                        "expected at most experts.count (" + std::to_string(simulation.num_experts) + ")");
    if (adversary.kind == AdversaryKind::phase_structure) validate_phase_structure(adversary, simulation.num_experts);
  }
}

RouterConfig make_router_config(const ScenarioSpec& scenario, const RouterSpec& router, std::uint64_t replication) {
  RouterConfig config;
  config.name = router.name;
  config.seed = derive_stream_seed(scenario.simulation.master_seed, replication, "router/" + router.name);
  config.num_experts = scenario.simulation.num_experts;
  config.k = scenario.simulation.k;
  config.capacity_factor = scenario.simulation.capacity_factor;
  config.expert_speed = scenario.simulation.expert_speed;
  config.params = router.params;
  config.replication = replication;
  config.model_json = router.model_json;
  config.model_source = router.model_source;
  return config;
}

}  // namespace routelab
