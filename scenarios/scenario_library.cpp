#include "scenarios/scenario_library.hpp"

#include <cstdlib>
#include <filesystem>

#include "core/errors.hpp"
#include "scenarios/scenario_loader.hpp"

namespace routelab {

std::vector<std::string> builtin_scenario_names() {
  std::vector<std::string> names;
  for (const auto& scenario : builtin_scenarios()) names.emplace_back(scenario.name);
  return names;
}

ScenarioSpec load_builtin_scenario(const std::string& name) {
  for (const auto& scenario : builtin_scenarios())
    if (scenario.name == name) return parse_scenario(scenario.toml_text, "builtin:" + name);
  throw UnknownNameError("scenario", name, builtin_scenario_names());
}

ScenarioSpec resolve_scenario(const std::string& name_or_path) {
  const std::filesystem::path path(name_or_path);
  std::error_code ec;  // a name too long for the file system is no file, not a filesystem_error
  if (std::filesystem::is_regular_file(path, ec)) return load_scenario_file(path);
  if (path.extension() == ".toml") {
    std::string names;
    for (const auto& name : builtin_scenario_names()) names += (names.empty() ? "" : ", ") + name;
    throw IoError("scenario file '" + name_or_path + "' does not exist (built-in scenarios: " + names + ")");
  }
  return load_builtin_scenario(name_or_path);
}

std::filesystem::path builtin_data_directory() {
  if (const char* directory = std::getenv("ROUTELAB_DATA_DIR"); directory && *directory) return directory;
  return ROUTELAB_DATA_DIR;
}

}  // namespace routelab
