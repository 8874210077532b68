#pragma once
// Scenario overrides (`--set key=value` on the CLI, `overrides={...}` in Python): each value is
// written into the scenario's TOML document at its dotted key, as a sweep's [set] does, and the
// document is parsed by the ordinary loader, so every key the loader knows can be overridden and
// every check it makes still applies (an unknown key gets its "did you mean").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/scenario_spec.hpp"

namespace routelab {

struct ScenarioOverride {
  std::string key;    // dotted, e.g. "routing.k"
  std::string value;  // a TOML inline value: 4, 1.5, "zipf", [1, 2], true
};

// "key=value" as typed on a command line. A value that is not TOML (`zipf`) is taken as a string;
// throws ConfigError("--set") without a '=' or with an empty key.
ScenarioOverride parse_override_argument(std::string_view argument);

// A master seed as an override of the scenario's `seed` key. A TOML integer holds at most
// INT64_MAX; a larger seed (sweeps derive 64-bit ones) has no TOML form, so none is returned and
// the caller sets `simulation.master_seed` itself (provenance's `seed` field carries it).
std::optional<ScenarioOverride> seed_override(std::uint64_t seed);

// The scenario's TOML document (a library name or a file) with the overrides applied, keys
// sorted: the resolved scenario as text. Throws UnknownNameError, IoError or ConfigError.
std::string resolved_scenario_toml(const std::string& name_or_path, const std::vector<ScenarioOverride>& overrides);
// The same for a scenario document given as text, named `source` as the loader would name it (a
// saved scenario.toml, a sweep point's document).
std::string resolved_scenario_toml_text(std::string_view toml_text, const std::string& source,
                                        const std::vector<ScenarioOverride>& overrides);

// The scenario with the overrides applied; without overrides, exactly resolve_scenario(). The
// spec keeps the original source, so paths in it resolve as they would without overrides.
ScenarioSpec resolve_scenario(const std::string& name_or_path, const std::vector<ScenarioOverride>& overrides);

}  // namespace routelab
