#include "scenarios/training/scenario_training.hpp"

#include <chrono>

#include "core/errors.hpp"
#include "core/rng_streams.hpp"
#include "scenarios/run_builder/run_workload.hpp"
#include "scenarios/training/semantic_source.hpp"
#include "scenarios/training/training_set_builder.hpp"

namespace routelab {

namespace {

ConfigError needs_embeddings(const ScenarioSpec& scenario, const std::string& router) {
  return ConfigError("router.model", "router '" + router + "' reads token embeddings, and scenario '" +
                                         scenario.name + "' has none (use a semantic scenario, e.g. semantic-clusters)");
}

}  // namespace

TrainingOutcome train_router(const ScenarioSpec& scenario, const RouterSpec& router, const RouterRegistry& registry) {
  const RouterInfo& info = registry.find(router.name);
  if (!info.trainer) throw ConfigError("router", "router '" + router.name + "' has nothing to train");
  auto space = semantic_space(scenario);
  if (!space) throw needs_embeddings(scenario, router.name);
  const QualityModel model(std::move(*space), scenario.simulation.num_experts);

  registry.validate(make_router_config(scenario, router, 0));  // train_tokens is read before the trainer runs
  TrainingSetRequest request;
  request.tokens = router.params.get_int("train_tokens", kDefaultTrainTokens);
  request.k = scenario.simulation.k;
  request.batch_size = scenario.workload.batch_size;
  request.seed = derive_stream_seed(scenario.simulation.master_seed, kTrainingReplication, "train/" + router.name);
  request.master_seed = scenario.simulation.master_seed;

  const auto begin = std::chrono::steady_clock::now();
  ScenarioSpec training_stream = scenario;
  training_stream.workload.total_tokens = request.tokens;  // the training stream ends where training does
  auto stream = make_workload(training_stream, kTrainingReplication);
  const TrainingSet set = build_training_set(*stream, model, request);
  TrainingOutcome outcome;
  outcome.model = info.trainer(set, make_router_config(scenario, router, 0));
  outcome.tokens = static_cast<std::int64_t>(set.tokens());
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  return outcome;
}

}  // namespace routelab
