#include "cli/scenario_options.hpp"

#include <filesystem>

#include "engine/errors.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/training/scenario_training.hpp"

namespace routelab::cli {

void add_scenario_options(CLI::App& command, ScenarioOptions& options) {
  options.scenario = kDefaultScenario;
  command.add_option("--scenario", options.scenario, "scenario name from `routelab scenarios`, or a .toml file")
      ->capture_default_str();
  options.seed_option = command.add_option("--seed", options.seed, "master seed (overrides the scenario's)");
  options.tokens_option =
      command.add_option("--tokens", options.tokens, "stop after this many tokens (overrides the scenario's length)")
          ->check(CLI::PositiveNumber);
  options.replications_option =
      command.add_option("--replications", options.replications, "independent replications per router")
          ->check(CLI::Range(1, 100000));
  command.add_option("--format", options.format, "output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  command.add_option("--out", options.out_dir,
                     "directory for per-window loads and overload events (CSV) and summary.json");
  command.add_option("--model", options.models,
                     "ROUTER=FILE: a trained model for a learned router (from `routelab train`; repeatable)");
}

ScenarioSpec load_scenario_with_overrides(const ScenarioOptions& options) {
  ScenarioSpec spec = resolve_scenario(options.scenario);
  if (options.seed_option->count() > 0) spec.simulation.master_seed = options.seed;
  if (options.tokens_option->count() > 0) {
    spec.workload.total_tokens = options.tokens;
    spec.simulation.stop_tick = -1;
  }
  if (options.replications_option->count() > 0) spec.replications = options.replications;
  spec.validate();
  return spec;
}

void prepare_routers(const ScenarioOptions& options, const ScenarioSpec& spec, std::vector<RouterSpec>& routers,
                     const RouterRegistry& registry) {
  for (const std::string& model : options.models) {
    const auto equals = model.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == model.size())
      throw ConfigError("--model", "expected ROUTER=FILE, got '" + model + "'");
    const std::string name = model.substr(0, equals);
    bool found = false;
    for (RouterSpec& router : routers) {
      if (router.name != name) continue;
      router.params.set("model", std::filesystem::absolute(model.substr(equals + 1)).string());
      found = true;
    }
    if (!found) throw ConfigError("--model", "router '" + name + "' is not among the routers being run");
  }
  prepare_learned_routers(spec, routers, registry);
}

}  // namespace routelab::cli
