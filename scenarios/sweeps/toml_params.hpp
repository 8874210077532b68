#pragma once
// Internal to scenarios/sweeps (includes toml++): converting TOML nodes to canonical parameter
// values and writing values back into a scenario document at a dotted key.
#include <string>
#include <string_view>
#include <toml++/toml.h>

#include "core/errors.hpp"
#include "scenarios/sweeps/sweep_values.hpp"

namespace routelab::sweeps {

// Throws ConfigError (field = "") with what is wrong when the node is not a number, string,
// boolean, array or table of those (dates and times have no meaning in a scenario).
ParamValue to_param_value(const toml::node& node);

// Sets `dotted_key` (e.g. "routing.capacity_factor") in `document` to `value`, creating missing
// tables on the way. Throws ConfigError(field = dotted_key) when a prefix is not a table.
void set_dotted(toml::table& document, std::string_view dotted_key, const ParamValue& value);

// True when `dotted_key` names a value present in `document`.
bool has_dotted(const toml::table& document, std::string_view dotted_key);

// Serializes a document back to TOML text (deterministic: keys come out sorted).
std::string to_toml_text(const toml::table& document);

}  // namespace routelab::sweeps
