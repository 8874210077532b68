// The `routelab` command: parses arguments, runs one subcommand, and turns typed errors into
// messages and exit codes (2: bad input or usage; 1: anything else that failed).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "cli/commands/commands.hpp"
#include "cli/provenance.hpp"
#include "core/errors.hpp"

int main(int argc, char** argv) {
  using namespace routelab;
  const RouterRegistry registry = builtin_router_registry();
  cli::set_command_line(argc, argv);
  // Installed (PREFIX/bin/routelab): the built-in scenarios read their data from PREFIX/share/routelab.
  std::error_code no_exe;
  const auto installed_data =
      std::filesystem::read_symlink("/proc/self/exe", no_exe).parent_path().parent_path() / ROUTELAB_DATA_INSTALL_DIR;
  if (!no_exe && std::filesystem::is_directory(installed_data)) setenv("ROUTELAB_DATA_DIR", installed_data.c_str(), 0);

  CLI::App app{"routelab: replay token streams against expert queues and compare routers"};
  app.require_subcommand(1, 1);
  app.set_version_flag("--version", ROUTELAB_VERSION);
  std::map<std::string, cli::CommandAction> actions;
  actions["routers"] = cli::add_routers_command(app, registry);
  actions["scenarios"] = cli::add_scenarios_command(app);
  actions["metrics"] = cli::add_metrics_command(app);
  actions["run"] = cli::add_run_command(app, registry);
  actions["compare"] = cli::add_compare_command(app, registry);
  actions["sweep"] = cli::add_sweep_command(app, registry, ROUTELAB_VERSION);
  actions["report"] = cli::add_report_command(app);
  actions["phase"] = cli::add_phase_command(app);
  actions["train"] = cli::add_train_command(app, registry);
  actions["plot"] = cli::add_plot_command(app);
  actions["eplb"] = cli::add_eplb_command(app);

  std::string valid_commands;
  for (const auto& [name, action] : actions) valid_commands += (valid_commands.empty() ? "" : ", ") + name;
  if (argc > 1 && argv[1][0] != '-' && actions.count(argv[1]) == 0) {
    fmt::print(stderr, "routelab: error: unknown command '{}'; valid commands: {}\n", argv[1], valid_commands);
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    if (code == 0) return 0;  // --help, --version
    // CLI11 says what was wrong; add what would have been right.
    const auto parsed = app.get_subcommands();
    if (parsed.empty()) {
      fmt::print(stderr, "routelab: valid commands: {}\n", valid_commands);
    } else if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
      std::string valid_options;
      for (const CLI::Option* option : parsed.front()->get_options())
        valid_options += (valid_options.empty() ? "" : ", ") + option->get_name();
      fmt::print(stderr, "routelab: valid options of '{}': {}\n", parsed.front()->get_name(), valid_options);
    }
    return 2;
  }

  try {
    return actions.at(app.get_subcommands().front()->get_name())();
  } catch (const UnknownNameError& error) {
    fmt::print(stderr, "routelab: error: {}\n", error.what());
    return 2;
  } catch (const ConfigError& error) {
    fmt::print(stderr, "routelab: error: {}\n", error.what());
    return 2;
  } catch (const IoError& error) {
    fmt::print(stderr, "routelab: error: {}\n", error.what());
    return 2;
  } catch (const std::exception& error) {
    fmt::print(stderr, "routelab: error: {}\n", error.what());
    return 1;
  }
}
