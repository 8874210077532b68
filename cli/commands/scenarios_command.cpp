// `routelab scenarios` (the built-in library) and `routelab scenarios show NAME|FILE [--set ...]`
// (one scenario resolved: its TOML document with the overrides applied, as a run would read it).
#include <fmt/format.h>

#include <memory>

#include "cli/commands/commands.hpp"
#include "cli/scenario_options.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_overrides.hpp"

namespace routelab::cli {

CommandAction add_scenarios_command(CLI::App& app) {
  auto* command = app.add_subcommand("scenarios", "list the built-in scenario library with a one-line description");
  auto* show = command->add_subcommand("show", "print one scenario resolved (with --set overrides applied) as TOML");
  auto scenario = std::make_shared<std::string>();
  auto sets = std::make_shared<std::vector<std::string>>();
  show->add_option("scenario", *scenario, "scenario name from `routelab scenarios`, or a .toml file")->required();
  add_set_option(*show, *sets);
  return [show, scenario, sets] {
    if (show->parsed()) {
      std::vector<ScenarioOverride> overrides;
      for (const std::string& set : *sets) overrides.push_back(parse_override_argument(set));
      resolve_scenario(*scenario, overrides).validate();  // an override the loader rejects fails here
      fmt::print("{}", resolved_scenario_toml(*scenario, overrides));
      return 0;
    }
    for (const auto& name : builtin_scenario_names()) {
      const ScenarioSpec spec = load_builtin_scenario(name);
      fmt::print("{:<22} {}\n", name, spec.description);
    }
    return 0;
  };
}

}  // namespace routelab::cli
