#include "scenarios/scenario_spec.hpp"

#include <cmath>

#include "engine/errors.hpp"
#include "engine/rng_streams.hpp"

namespace routelab {

void ScenarioSpec::validate() const {
  simulation.validate();
  if (workload.batch_size < 1) throw ConfigError("batches.size", "expected at least 1 token per batch");
  if (!(workload.interval_ticks > 0) || !std::isfinite(workload.interval_ticks))
    throw ConfigError("batches.interval_ticks", "expected a positive number of ticks");
  if (workload.vocabulary < 1) throw ConfigError("tokens.vocabulary", "expected at least 1 key");
  if (workload.keys == KeyDistribution::zipf && (!(workload.zipf_s > 0) || !std::isfinite(workload.zipf_s)))
    throw ConfigError("tokens.zipf_s", "expected a positive exponent");
  if (workload.total_tokens <= 0 && simulation.stop_tick < 0)
    throw ConfigError("length", "expected a token count or a tick count (the run must end)");
  if (replications < 1) throw ConfigError("replications", "expected at least 1");
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
  config.model_json = router.model_json;
  config.model_source = router.model_source;
  return config;
}

}  // namespace routelab
