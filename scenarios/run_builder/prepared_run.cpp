#include "scenarios/run_builder/prepared_run.hpp"

#include "cluster/cluster_observer.hpp"
#include "cluster/group_limited_router.hpp"
#include "core/errors.hpp"
#include "scenarios/adversaries/adversarial_workload.hpp"
#include "scenarios/adversaries/adversary_factory.hpp"
#include "scenarios/adversaries/victim_metrics.hpp"
#include "scenarios/optimum/run_optimum.hpp"
#include "scenarios/quality/quality_model.hpp"
#include "scenarios/quality/quality_observer.hpp"
#include "scenarios/run_builder/run_workload.hpp"
#include "scenarios/training/semantic_source.hpp"

namespace routelab {

namespace {

SimulationConfig config_for(const ScenarioSpec& scenario, std::uint64_t replication) {
  SimulationConfig config = scenario.simulation;
  config.replication = replication;
  return config;
}

// The router as the scenario deploys it: with a cluster that limits the groups per token, inside
// DeepSeek-V3's node-limited wrapper. The measured run and the attack baseline both use it.
std::unique_ptr<Router> deployed_router(const ScenarioSpec& scenario, const RouterSpec& router,
                                        std::uint64_t replication, const RouterRegistry& registry) {
  std::unique_ptr<Router> routed = registry.create(make_router_config(scenario, router, replication));
  if (!scenario.cluster.group_limited()) return routed;
  return std::make_unique<cluster::GroupLimitedRouter>(std::move(routed), scenario.simulation.num_experts,
                                                       scenario.cluster.expert_groups,
                                                       scenario.cluster.max_groups_per_token);
}

}  // namespace

PreparedRun::PreparedRun(const ScenarioSpec& scenario, const RouterSpec& router, std::uint64_t replication,
                         const RouterRegistry& registry, std::span<MetricsSink* const> sinks)
    : scenario_(scenario), router_spec_(router), replication_(replication), registry_(registry) {
  std::vector<TokenObserver*> observers;
  if (scenario_.adversary.enabled()) {
    auto attacked = std::make_unique<AdversarialWorkload>(
        make_workload(scenario_, replication_), make_adversary(scenario_, router_spec_, replication_, registry_),
        scenario_.adversary.share, scenario_.adversary.placement);
    attacked_ = attacked.get();
    workload_ = std::move(attacked);
    victims_ = std::make_unique<VictimMetrics>(scenario_.simulation.k);
    observers = {attacked_, victims_.get()};
  } else {
    workload_ = make_workload(scenario_, replication_);
  }
  if (auto space = semantic_space(scenario_)) {
    quality_model_ = std::make_unique<QualityModel>(std::move(*space), scenario_.simulation.num_experts);
    quality_ = std::make_unique<QualityObserver>(*quality_model_);
  }
  // The router is wrapped by the optimum's recorder, which passes every call through unchanged
  // (and on a semantic scenario solves each batch's best quality at a few load bounds). With a
  // cluster that limits the groups per token, the recorder sees the group-limited router's choices.
  std::unique_ptr<Router> routed = deployed_router(scenario_, router_spec_, replication_, registry_);
  const bool capacity_binds = scenario_.simulation.overflow != OverflowPolicy::queue;
  auto recorder = std::make_unique<OptimumRecorder>(std::move(routed), capacity_binds, quality_model_.get());
  optimum_ = recorder.get();
  router_ = std::move(recorder);
  simulation_ = std::make_unique<Simulation>(config_for(scenario_, replication_), *workload_, *router_);
  for (auto* sink : sinks) simulation_->add_sink(*sink);
  // Semantic scenarios: the quality observer scores the run beside the caller's sinks.
  if (quality_) simulation_->add_sink(*quality_);
  // Expert-parallel deployments: the step model watches where every batch's assignments landed.
  if (scenario_.cluster.enabled) {
    cluster_ = std::make_unique<cluster::ClusterObserver>(scenario_.cluster, scenario_.simulation.num_experts);
    if (scenario_.cluster.drives_timeline()) {
      simulation_->set_step_timeline(*cluster_);  // cluster.tick_us: the steps are the run's clock
    } else {
      simulation_->add_sink(*cluster_);
    }
  }
  for (auto* observer : observers) simulation_->add_token_observer(*observer);
}

PreparedRun::~PreparedRun() = default;

bool PreparedRun::step_batch() { return simulation_->step_batch(); }

RunResult PreparedRun::run() {
  simulation_->run();
  return complete();
}

const RunResult& PreparedRun::complete() {
  if (result_) return *result_;
  if (!simulation_->finished()) throw Error("PreparedRun::complete: the run has not finished");
  RunResult result{router_spec_.name, replication_, simulation_->summary(),
                   scenario_.trace.enabled() ? scenario_.trace.layer : 0, std::nullopt};
  result.training_seconds = router_spec_.training_seconds;
  if (quality_) result.quality = quality_->summary();
  result.optimum = optimum_->summary(scenario_.simulation.num_experts);
  if (cluster_) result.summary.cluster = cluster_->figures();
  if (attacked_) {
    // The baseline: the benign stream alone, or (phase_structure) the same attacker with
    // unstructured degrees; its own router instance, so the measured run's state is untouched.
    const int k = scenario_.simulation.k;
    VictimMetrics benign_victims(k);
    std::unique_ptr<Workload> benign_workload = make_workload(scenario_, replication_);
    if (auto baseline_adversary = make_baseline_adversary(scenario_, replication_))
      benign_workload = std::make_unique<AdversarialWorkload>(std::move(benign_workload), std::move(baseline_adversary),
                                                              scenario_.adversary.share, scenario_.adversary.placement);
    auto benign_router = deployed_router(scenario_, router_spec_, replication_, registry_);
    Simulation baseline(config_for(scenario_, replication_), *benign_workload, *benign_router);
    baseline.add_token_observer(benign_victims);
    // Like for like: under a step timeline the baseline runs on the same deployment's clock.
    std::unique_ptr<cluster::ClusterObserver> baseline_cluster;
    if (scenario_.cluster.drives_timeline()) {
      baseline_cluster = std::make_unique<cluster::ClusterObserver>(scenario_.cluster, scenario_.simulation.num_experts);
      baseline.set_step_timeline(*baseline_cluster);
    }
    const Summary benign = baseline.run();

    AdversaryReport report;
    report.benign_max_over_mean = benign.load_max_over_mean;
    report.attacked_max_over_mean = result.summary.load_max_over_mean;
    report.benign_fill_ratio = benign.fill_ratio;
    report.attacked_fill_ratio = result.summary.fill_ratio;
    if (benign.load_max_over_mean > 0) report.amplification = report.attacked_max_over_mean / report.benign_max_over_mean;
    report.victims = victims_->figures();
    report.benign = benign_victims.figures();
    report.attack_tokens = attacked_->attack_tokens();
    report.stats = attacked_->adversary().stats();
    result.adversary = report;
  }
  result_ = std::move(result);
  return *result_;
}

}  // namespace routelab
