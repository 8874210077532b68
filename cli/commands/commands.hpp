#pragma once
// Each subcommand adds itself to the app and returns the action to run once parsing succeeded.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "routers/router_registry.hpp"

namespace routelab::cli {

using CommandAction = std::function<int()>;

CommandAction add_routers_command(CLI::App& app, const RouterRegistry& registry);
CommandAction add_scenarios_command(CLI::App& app);
CommandAction add_metrics_command(CLI::App& app);
CommandAction add_run_command(CLI::App& app, const RouterRegistry& registry);
CommandAction add_compare_command(CLI::App& app, const RouterRegistry& registry);
CommandAction add_sweep_command(CLI::App& app, const RouterRegistry& registry, const std::string& version);
CommandAction add_report_command(CLI::App& app);
CommandAction add_phase_command(CLI::App& app);
CommandAction add_train_command(CLI::App& app, const RouterRegistry& registry);
CommandAction add_plot_command(CLI::App& app);
CommandAction add_eplb_command(CLI::App& app);

}  // namespace routelab::cli
