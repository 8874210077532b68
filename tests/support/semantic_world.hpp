#pragma once
// A small semantic world for the learned routers' tests: the scenarios' semantic-clusters
// workload (16 experts, 4 classes with Zipf(1) shares .48/.24/.16/.12, 16-d embeddings), its
// quality model, training sets drawn from the training replication and evaluation runs on
// held-out replications.
#include <memory>
#include <string>

#include "engine/simulation.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/quality/quality_observer.hpp"
#include "scenarios/scenario_runner.hpp"
#include "scenarios/training/semantic_source.hpp"
#include "scenarios/training/training_set_builder.hpp"

namespace routelab::testing {

struct Evaluation {
  Summary summary;
  QualitySummary quality;
};

inline ScenarioSpec small_semantic_scenario() {
  ScenarioSpec spec;
  spec.name = "small-semantic";
  spec.simulation.master_seed = 2024;
  spec.simulation.num_experts = 16;
  spec.workload.batch_size = 256;
  spec.workload.kind = TokenKind::semantic;
  spec.workload.semantic = SemanticSpec{4, 16, 1.0, 0.2};
  return spec;
}

struct SemanticWorld {
  ScenarioSpec scenario = small_semantic_scenario();
  int experts = scenario.simulation.num_experts;
  int batch_size = scenario.workload.batch_size;
  QualityModel model{*semantic_space(scenario), experts};

  std::unique_ptr<Workload> stream(std::uint64_t replication, std::int64_t tokens) const {
    ScenarioSpec spec = scenario;
    spec.workload.total_tokens = tokens;
    return make_workload(spec, replication);
  }

  TrainingSet training_set(std::int64_t tokens, int k, std::uint64_t seed = 7) const {
    auto source = stream(kTrainingReplication, tokens);
    TrainingSetRequest request;
    request.tokens = tokens;
    request.k = k;
    request.batch_size = batch_size;
    request.seed = seed;
    request.master_seed = scenario.simulation.master_seed;
    return build_training_set(*source, model, request);
  }

  RouterConfig router_config(const std::string& name, int k, const std::string& model_json = "") const {
    RouterConfig config;
    config.name = name;
    config.seed = 99;
    config.num_experts = experts;
    config.k = k;
    config.model_json = model_json;
    return config;
  }

  // Held-out replication 0; without a capacity factor the router's choices land as made.
  Evaluation evaluate(Router& router, int k, std::int64_t tokens = 8192,
                      OverflowPolicy overflow = OverflowPolicy::queue, double capacity_factor = 0.0) const {
    auto source = stream(0, tokens);
    SimulationConfig config;
    config.num_experts = experts;
    config.k = k;
    config.overflow = overflow;
    config.capacity_factor = capacity_factor;
    Simulation simulation(config, *source, router);
    QualityObserver observer(model);
    simulation.add_sink(observer);
    Evaluation evaluation;
    evaluation.summary = simulation.run();
    evaluation.quality = observer.summary();
    return evaluation;
  }
};

}  // namespace routelab::testing
