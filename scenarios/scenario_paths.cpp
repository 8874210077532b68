#include "scenarios/scenario_paths.hpp"

#include <filesystem>

#include "scenarios/scenario_library.hpp"

namespace routelab {

std::string resolve_scenario_relative(const std::string& path, const std::string& scenario_source) {
  const std::filesystem::path written(path);
  if (written.is_absolute()) return path;
  const std::string builtin_prefix = "builtin:";
  const std::filesystem::path base = scenario_source.rfind(builtin_prefix, 0) == 0
                                         ? builtin_data_directory()
                                         : std::filesystem::path(scenario_source).parent_path();
  return (base / written).lexically_normal().string();
}

}  // namespace routelab
