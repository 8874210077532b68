#pragma once
// A small semantic world for the learned routers' tests: a Gaussian-mixture token stream, its
// quality model, training sets drawn from training replications and evaluation runs on held-out
// replications. The one place that knows where semantic tokens come from.
#include <memory>
#include <string>

#include "engine/simulation.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/quality/mixture_token_source.hpp"
#include "scenarios/quality/quality_observer.hpp"
#include "scenarios/training/training_set_builder.hpp"

namespace routelab::testing {

struct Evaluation {
  Summary summary;
  QualitySummary quality;
};

struct SemanticWorld {
  static constexpr std::uint64_t kMasterSeed = 2024;
  MixtureSpec mixture{16, 4, 1.0, 1.0, 0.5};  // 16-dim, 4 classes with Zipf(1) shares .48/.24/.16/.12
  int experts = 16;
  int batch_size = 256;
  SemanticSpace space = make_mixture_space(mixture, kMasterSeed);
  QualityModel model{space, experts};

  std::unique_ptr<Workload> stream(std::uint64_t replication, std::int64_t tokens) const {
    return std::make_unique<MixtureTokenSource>(mixture, space, batch_size, tokens, kMasterSeed, replication);
  }

  TrainingSet training_set(std::int64_t tokens, int k, std::uint64_t seed = 7) const {
    auto source = stream(kTrainingReplication, tokens);
    TrainingSetRequest request;
    request.tokens = tokens;
    request.k = k;
    request.batch_size = batch_size;
    request.seed = seed;
    request.master_seed = kMasterSeed;
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

  // Held-out replication 0, no capacity cut: the router's choices land as made.
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
