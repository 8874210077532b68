#pragma once
// The scenarios shipped with routelab (scenarios/library/*.toml, embedded at build time) and the
// lookup that turns a command-line argument (a name or a file path) into a ScenarioSpec.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/scenario_spec.hpp"

namespace routelab {

inline constexpr const char* kDefaultScenario = "default";

struct BuiltinScenario {
  std::string_view name;
  std::string_view toml_text;
};

const std::vector<BuiltinScenario>& builtin_scenarios();
std::vector<std::string> builtin_scenario_names();
ScenarioSpec load_builtin_scenario(const std::string& name);  // throws UnknownNameError

// A path to an existing file (or anything ending in .toml) is read as a file; otherwise a name
// from the library.
ScenarioSpec resolve_scenario(const std::string& name_or_path);

// Where built-in scenarios find their data files (the DeepSeek trace): $ROUTELAB_DATA_DIR when
// set, else the source tree the program was built from.
std::filesystem::path builtin_data_directory();

}  // namespace routelab
