#include "scenarios/scenario_overrides.hpp"

#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/errors.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_loader.hpp"
#include "scenarios/sweeps/sweep_scenario.hpp"
#include "scenarios/sweeps/toml_params.hpp"

namespace routelab {

namespace {

struct ScenarioText {
  std::string source;  // as the loader names it: the file path or "builtin:NAME"
  std::string text;
};

// The same choice resolve_scenario makes: an existing file (or a .toml path) is a file, else a name.
ScenarioText scenario_text(const std::string& name_or_path) {
  const std::filesystem::path path(name_or_path);
  if (std::filesystem::is_regular_file(path)) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw IoError("cannot read scenario file '" + path.string() + "'");
    std::ostringstream text;
    text << file.rdbuf();
    return {path.string(), text.str()};
  }
  if (path.extension() != ".toml")
    for (const auto& builtin : builtin_scenarios())
      if (builtin.name == name_or_path) return {"builtin:" + name_or_path, std::string(builtin.toml_text)};
  resolve_scenario(name_or_path);  // throws the loader's own error (missing file, unknown name)
  throw Error("scenario '" + name_or_path + "' could not be read");
}

sweeps::ParamValue override_value(const ScenarioOverride& entry) {
  toml::table holder;
  try {
    holder = toml::parse("v = " + entry.value, std::string_view("override"));
  } catch (const toml::parse_error&) {
    throw ConfigError(entry.key, "expected a TOML value (a number, true/false, a quoted string, an array), got '" +
                                     entry.value + "'");
  }
  try {
    return sweeps::to_param_value(*holder.get("v"));
  } catch (const ConfigError& error) {
    throw ConfigError(entry.key, error.what());
  }
}

toml::table overridden_document(const ScenarioText& base, const std::vector<ScenarioOverride>& overrides) {
  toml::table document;
  try {
    document = toml::parse(base.text, std::string_view(base.source));
  } catch (const toml::parse_error&) {
    parse_scenario(base.text, base.source);  // rethrows the loader's positioned error
    throw;
  }
  for (const auto& entry : overrides) {
    if (entry.key.empty()) throw ConfigError("--set", "expected key=value, got an empty key");
    sweeps::set_dotted(document, entry.key, override_value(entry));
  }
  return document;
}

}  // namespace

std::optional<ScenarioOverride> seed_override(std::uint64_t seed) {
  if (seed > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
  return ScenarioOverride{"seed", std::to_string(seed)};
}

ScenarioOverride parse_override_argument(std::string_view argument) {
  const auto equals = argument.find('=');
  if (equals == std::string_view::npos || equals == 0)
    throw ConfigError("--set", "expected key=value (e.g. routing.k=4), got '" + std::string(argument) + "'");
  ScenarioOverride entry{std::string(argument.substr(0, equals)), std::string(argument.substr(equals + 1))};
  try {
    (void)toml::parse("v = " + entry.value, std::string_view("--set"));
  } catch (const toml::parse_error&) {
    entry.value = sweeps::canonical_string(entry.value);  // a bare word: the string it spells
  }
  return entry;
}

std::string resolved_scenario_toml(const std::string& name_or_path, const std::vector<ScenarioOverride>& overrides) {
  return sweeps::to_toml_text(overridden_document(scenario_text(name_or_path), overrides)) + "\n";
}

std::string resolved_scenario_toml_text(std::string_view toml_text, const std::string& source,
                                        const std::vector<ScenarioOverride>& overrides) {
  return sweeps::to_toml_text(overridden_document(ScenarioText{source, std::string(toml_text)}, overrides)) + "\n";
}

ScenarioSpec resolve_scenario(const std::string& name_or_path, const std::vector<ScenarioOverride>& overrides) {
  if (overrides.empty()) return resolve_scenario(name_or_path);
  const ScenarioText base = scenario_text(name_or_path);
  const std::string text = sweeps::to_toml_text(overridden_document(base, overrides));
  try {
    return parse_scenario(text, base.source);
  } catch (const ScenarioError& error) {
    // Line numbers would point into the rewritten document: name the key and the overrides instead.
    std::string applied;
    for (const auto& entry : overrides) applied += (applied.empty() ? "" : ", ") + entry.key + " = " + entry.value;
    throw ConfigError(error.field(), sweeps::scenario_error_detail(error) + " (in " + base.source + " with " + applied + ")");
  }
}

}  // namespace routelab
