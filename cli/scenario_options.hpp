#pragma once
// Options shared by the commands that run a scenario (run, compare), and how they override it.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "routers/router_registry.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab::cli {

struct ScenarioOptions {
  std::string scenario;
  std::uint64_t seed = 0;
  std::int64_t tokens = 0;
  int replications = 0;
  std::string format = "table";
  std::string out_dir;
  std::string trace_path;
  std::string layer;
  bool skip_bad_rows = false;
  bool force = false;  // --force: --out may replace an earlier routelab result
  bool tokens_csv = false;  // --tokens-csv: --out also gets tokens.csv, one row per token
  bool ignore_budget = false;  // --ignore-budget: skip the pre-run work/memory check
  bool progress = false;  // --progress: the progress line even when stderr is no terminal
  std::vector<std::string> models;  // ROUTER=FILE: trained models for learned routers
  std::vector<std::string> sets;    // key=value: scenario overrides, applied as a sweep's [set]
  CLI::Option* seed_option = nullptr;
  CLI::Option* tokens_option = nullptr;
  CLI::Option* replications_option = nullptr;
};

void add_scenario_options(CLI::App& command, ScenarioOptions& options);
// Adds --set key=value (repeatable) to `command`.
void add_set_option(CLI::App& command, std::vector<std::string>& sets);
ScenarioSpec load_scenario_with_overrides(const ScenarioOptions& options);
// Applies --model ROUTER=FILE to the chosen routers (a path relative to the working directory);
// the run builder readies the learned routers (their model files, or in-process training).
void prepare_routers(const ScenarioOptions& options, std::vector<RouterSpec>& routers);

}  // namespace routelab::cli
