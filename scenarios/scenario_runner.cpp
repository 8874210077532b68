#include "scenarios/scenario_runner.hpp"

#include "engine/errors.hpp"
#include "engine/simulation.hpp"
#include "scenarios/adversaries/adversarial_workload.hpp"
#include "scenarios/adversaries/adversary_factory.hpp"
#include "scenarios/adversaries/victim_metrics.hpp"
#include "scenarios/traces/trace_loader.hpp"
#include "scenarios/traces/trace_workload.hpp"
#include "scenarios/training/scenario_training.hpp"
#include "scenarios/training/semantic_source.hpp"
#include "scenarios/workloads/synthetic_workload.hpp"

namespace routelab {

namespace {

Summary simulate(const ScenarioSpec& scenario, const RouterSpec& router, std::uint64_t replication,
                 const RouterRegistry& registry, Workload& workload, std::span<MetricsSink* const> sinks,
                 std::span<TokenObserver* const> observers) {
  auto routing = registry.create(make_router_config(scenario, router, replication));
  SimulationConfig config = scenario.simulation;
  config.replication = replication;
  Simulation simulation(config, workload, *routing);
  for (auto* sink : sinks) simulation.add_sink(*sink);
  for (auto* observer : observers) simulation.add_token_observer(*observer);
  return simulation.run();
}

}  // namespace

std::vector<RouterSpec> routers_to_compare(const ScenarioSpec& scenario, const RouterRegistry& registry) {
  if (!scenario.routers.empty()) return scenario.routers;
  const bool semantic = semantic_space(scenario).has_value();
  std::vector<RouterSpec> all;
  for (const auto& entry : registry.entries())
    if ((!entry.needs_trace || scenario.trace.enabled()) && (semantic || !entry.trainer))
      all.push_back(RouterSpec{entry.name, {}});
  return all;
}

std::unique_ptr<Workload> make_workload(const ScenarioSpec& scenario, std::uint64_t replication) {
  if (!scenario.trace.enabled())
    return std::make_unique<SyntheticWorkload>(scenario.workload, scenario.simulation.master_seed, replication,
                                               scenario.simulation.stop_tick);
  if (scenario.trace.layer < 1) throw ConfigError("trace.layer", "a run replays one layer: use scenario_for_layer()");
  if (scenario.trace.data) return std::make_unique<TraceWorkload>(scenario.trace.data, scenario.trace.layer, scenario, replication);
  ScenarioSpec loaded = scenario;
  load_trace_data(loaded);
  return std::make_unique<TraceWorkload>(loaded.trace.data, loaded.trace.layer, loaded, replication);
}

ScenarioSpec scenario_for_layer(const ScenarioSpec& scenario, int layer) {
  ScenarioSpec copy = scenario;
  copy.trace.layer = layer;
  return copy;
}

RunResult run_scenario(const ScenarioSpec& scenario, const RouterSpec& given_router, std::uint64_t replication,
                       const RouterRegistry& registry, std::span<MetricsSink* const> sinks) {
  // A learned router without a model is trained here, for this run alone; callers that run many
  // replications prepare it once beforehand (prepare_learned_routers), as `run` and `compare` do.
  std::vector<RouterSpec> ready{given_router};
  if (registry.find(given_router.name).trainer && given_router.model_json.empty())
    prepare_learned_routers(scenario, ready, registry);
  const RouterSpec& router = ready.front();
  RunResult result{router.name, replication, {}, scenario.trace.enabled() ? scenario.trace.layer : 0, std::nullopt};
  result.training_seconds = router.training_seconds;
  // Semantic scenarios: the quality observer scores the run beside the caller's sinks.
  std::vector<MetricsSink*> run_sinks(sinks.begin(), sinks.end());
  std::optional<QualityModel> quality_model;
  std::optional<QualityObserver> quality;
  if (auto space = semantic_space(scenario)) {
    quality_model.emplace(std::move(*space), scenario.simulation.num_experts);
    run_sinks.push_back(&quality.emplace(*quality_model));
  }
  if (!scenario.adversary.enabled()) {
    auto workload = make_workload(scenario, replication);
    result.summary = simulate(scenario, router, replication, registry, *workload, run_sinks, {});
    if (quality) result.quality = quality->summary();
    return result;
  }

  // The baseline: the benign stream alone, or (phase_structure) the same attacker with unstructured degrees.
  const int k = scenario.simulation.k;
  VictimMetrics benign_victims(k);
  std::unique_ptr<Workload> benign_workload = make_workload(scenario, replication);
  if (auto baseline_adversary = make_baseline_adversary(scenario, replication))
    benign_workload = std::make_unique<AdversarialWorkload>(std::move(benign_workload), std::move(baseline_adversary),
                                                            scenario.adversary.share, scenario.adversary.placement);
  TokenObserver* benign_observers[] = {&benign_victims};
  const Summary benign = simulate(scenario, router, replication, registry, *benign_workload, {}, benign_observers);

  AdversarialWorkload attacked_workload(make_workload(scenario, replication),
                                        make_adversary(scenario, router, replication, registry),
                                        scenario.adversary.share, scenario.adversary.placement);
  VictimMetrics victims(k);
  TokenObserver* observers[] = {&attacked_workload, &victims};
  result.summary = simulate(scenario, router, replication, registry, attacked_workload, run_sinks, observers);
  if (quality) result.quality = quality->summary();

  AdversaryReport report;
  report.benign_max_over_mean = benign.load_max_over_mean;
  report.attacked_max_over_mean = result.summary.load_max_over_mean;
  report.benign_fill_ratio = benign.fill_ratio;
  report.attacked_fill_ratio = result.summary.fill_ratio;
  if (benign.load_max_over_mean > 0) report.amplification = report.attacked_max_over_mean / report.benign_max_over_mean;
  report.victims = victims.figures();
  report.benign = benign_victims.figures();
  report.attack_tokens = attacked_workload.attack_tokens();
  report.stats = attacked_workload.adversary().stats();
  result.adversary = report;
  return result;
}

}  // namespace routelab
