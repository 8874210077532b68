#include <fmt/format.h>

#include "cli/commands/commands.hpp"
#include "scenarios/scenario_library.hpp"

namespace routelab::cli {

CommandAction add_scenarios_command(CLI::App& app) {
  app.add_subcommand("scenarios", "list the built-in scenario library with a one-line description");
  return [] {
    for (const auto& name : builtin_scenario_names()) {
      const ScenarioSpec spec = load_builtin_scenario(name);
      fmt::print("{:<22} {}\n", name, spec.description);
    }
    return 0;
  };
}

}  // namespace routelab::cli
