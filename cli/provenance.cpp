#include "cli/provenance.hpp"

namespace routelab::cli {

namespace {

std::string& stored_command_line() {
  static std::string line;
  return line;
}

std::string shell_quoted(const std::string& argument) {
  if (!argument.empty() && argument.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                                      "-_./=:,+@%") == std::string::npos)
    return argument;
  std::string quoted = "'";
  for (const char c : argument) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

void set_command_line(int argc, const char* const* argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) line += (i > 0 ? " " : "") + shell_quoted(argv[i]);
  stored_command_line() = line;
}

const std::string& command_line() { return stored_command_line(); }

const char* routelab_version() { return ROUTELAB_VERSION; }

std::vector<ScenarioOverride> scenario_overrides(const ScenarioOptions& options) {
  std::vector<ScenarioOverride> overrides;
  for (const std::string& set : options.sets) overrides.push_back(parse_override_argument(set));
  if (options.seed_option && options.seed_option->count() > 0)
    if (auto seed = seed_override(options.seed)) overrides.push_back(*seed);
  if (options.tokens_option && options.tokens_option->count() > 0)
    overrides.push_back({"length.tokens", std::to_string(options.tokens)});
  return overrides;
}

nlohmann::ordered_json provenance_json(const ScenarioSpec& spec, const ScenarioOptions& options) {
  return provenance_json(spec, resolved_scenario_toml(options.scenario, scenario_overrides(options)));
}

nlohmann::ordered_json provenance_json(const ScenarioSpec& spec, const std::string& scenario_toml) {
  nlohmann::ordered_json j;
  j["routelab_version"] = routelab_version();
  j["command_line"] = command_line();
  j["seed"] = spec.simulation.master_seed;
  j["replications"] = spec.replications;
  j["scenario_toml"] = scenario_toml;
  return j;
}

}  // namespace routelab::cli
