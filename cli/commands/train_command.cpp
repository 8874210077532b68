// `routelab train`: trains a learned router on a scenario's training stream and writes its model,
// with the provenance every output carries (cli/provenance.hpp) under "provenance": the model
// reader ignores the key, so it costs the routing nothing.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "cli/atomic_file.hpp"
#include "cli/commands/commands.hpp"
#include "cli/provenance.hpp"
#include "cli/scenario_options.hpp"
#include "core/errors.hpp"
#include "routers/learned/model_file.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_overrides.hpp"
#include "scenarios/training/scenario_training.hpp"

namespace routelab::cli {

namespace {

struct TrainOptions {
  std::string scenario = kDefaultTrainingScenario;
  std::string router;
  std::string out;
  std::uint64_t seed = 0;
  CLI::Option* seed_option = nullptr;
  std::vector<std::string> params;  // KEY=VALUE
};

// The trained model's document with the provenance of this command added.
std::string with_provenance(const std::string& model_json, const ScenarioSpec& spec, const TrainOptions& options) {
  std::vector<ScenarioOverride> overrides;
  if (options.seed_option->count() > 0)
    if (auto seed = seed_override(options.seed)) overrides.push_back(*seed);
  auto document = nlohmann::ordered_json::parse(model_json);
  document["provenance"] = provenance_json(spec, resolved_scenario_toml(options.scenario, overrides));
  return dump_model(document);
}

}  // namespace

CommandAction add_train_command(CLI::App& app, const RouterRegistry& registry) {
  auto* command = app.add_subcommand("train", "train a learned router on a scenario's training stream, write its model");
  auto options = std::make_shared<TrainOptions>();
  command->add_option("--scenario", options->scenario, "a semantic scenario (name or .toml file)")->capture_default_str();
  command->add_option("--router", options->router, "a learned router: softmax_topk, signature, learned_seed")->required();
  command->add_option("--out", options->out, "model file to write (JSON)")->required();
  options->seed_option = command->add_option("--seed", options->seed, "master seed (overrides the scenario's)");
  command->add_option("--param", options->params, "router parameter KEY=VALUE (repeatable), e.g. balance_coef=0");
  return [&registry, options] {
    ScenarioSpec spec = resolve_scenario(options->scenario);
    if (options->seed_option->count() > 0) spec.simulation.master_seed = options->seed;
    RouterSpec router{options->router, {}};
    for (const auto& listed : spec.routers)
      if (listed.name == router.name) router.params = listed.params;
    for (const std::string& param : options->params) {
      const auto equals = param.find('=');
      if (equals == std::string::npos || equals == 0)
        throw ConfigError("--param", "expected KEY=VALUE, got '" + param + "'");
      router.params.set(param.substr(0, equals), param.substr(equals + 1));
    }
    const TrainingOutcome outcome = train_router(spec, router, registry);
    write_file_atomically(options->out, with_provenance(outcome.model.json, spec, *options));
    fmt::print("trained {} on scenario {} (seed {}): {} training-stream tokens\n", router.name, spec.name,
               spec.simulation.master_seed, outcome.tokens);
    if (!outcome.model.epoch_loss.empty())
      fmt::print("training objective by epoch: {:.4f}\n", fmt::join(outcome.model.epoch_loss, " "));
    fmt::print("wrote {} in {:.2f} s\n", options->out, outcome.seconds);
    return 0;
  };
}

}  // namespace routelab::cli
