#pragma once
// Reads scenario files (TOML) into a validated ScenarioSpec. Every error names the file, the line
// and column, the key, and what was expected; unknown keys get a "did you mean" suggestion.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/closest_match.hpp"  // closest_match, used by the scenario and sweep readers
#include "core/errors.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab {

class ScenarioError : public ConfigError {
 public:
  ScenarioError(std::string source, int line, int column, std::string key, const std::string& what);
  const std::string& source() const { return source_; }
  int line() const { return line_; }
  int column() const { return column_; }
  // "file:line:column: key: what" (ConfigError's own message would repeat the key in front).
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string message_;
  std::string source_;
  int line_;
  int column_;
};

ScenarioSpec parse_scenario(std::string_view toml_text, const std::string& source_name);
ScenarioSpec load_scenario_file(const std::filesystem::path& path);

}  // namespace routelab
