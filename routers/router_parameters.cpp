#include "routers/router_parameters.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "core/closest_match.hpp"

namespace routelab {

namespace {

std::string joined(const std::vector<std::string>& words, const char* separator) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : separator) + word;
  return text;
}

bool parse_integer(const std::string& text, double& value) {
  std::int64_t parsed = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, parsed);
  if (ec != std::errc() || ptr != end || text.empty()) return false;
  value = static_cast<double>(parsed);
  return true;
}

bool parse_number(const std::string& text, double& value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end && !text.empty() && std::isfinite(value);
}

std::string expected_text(const ParamSpec& spec, int num_experts) {
  const std::string range = describe_range(spec);
  switch (spec.type) {
    case ParamType::integer:
      return "an integer" + (range.empty() ? "" : " in " + range) +
             (spec.max_is_experts ? " (experts = " + std::to_string(num_experts) + ")" : "");
    case ParamType::number:
      return "a number" + (range.empty() ? "" : " in " + range);
    case ParamType::choice:
      return "one of " + joined(spec.choices, ", ");
    case ParamType::path:
      return "a file path";
    case ParamType::text:
      break;
  }
  return "text";
}

bool in_range(const ParamSpec& spec, double value, int num_experts) {
  const bool above_min = spec.min_exclusive ? value > spec.min : value >= spec.min;
  const double max = spec.max_is_experts ? std::min(spec.max, static_cast<double>(num_experts)) : spec.max;
  return above_min && value <= max;
}

void check_value(const RouterConfig& config, const ParamSpec& spec, const std::string& value) {
  bool ok = true;
  double number = 0;
  switch (spec.type) {
    case ParamType::integer:
      ok = parse_integer(value, number) && in_range(spec, number, config.num_experts);
      break;
    case ParamType::number:
      ok = parse_number(value, number) && in_range(spec, number, config.num_experts);
      break;
    case ParamType::choice:
      ok = false;
      for (const auto& choice : spec.choices) ok = ok || choice == value;
      break;
    case ParamType::path:
      ok = !value.empty();
      break;
    case ParamType::text:
      break;
  }
  if (!ok)
    throw RouterParamError(config.name, spec.name,
                           "router '" + config.name + "' expects " + expected_text(spec, config.num_experts) +
                               " for '" + spec.name + "', got '" + value + "'");
}

}  // namespace

std::string number_text(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

const char* to_string(ParamType type) {
  switch (type) {
    case ParamType::integer: return "integer";
    case ParamType::number: return "number";
    case ParamType::text: return "text";
    case ParamType::choice: return "choice";
    case ParamType::path: return "path";
  }
  return "?";
}

std::string describe_range(const ParamSpec& spec) {
  if (spec.type == ParamType::choice) return joined(spec.choices, " | ");
  if (spec.type != ParamType::integer && spec.type != ParamType::number) return "";
  const bool has_min = std::isfinite(spec.min);
  const bool has_max = std::isfinite(spec.max) || spec.max_is_experts;
  if (!has_min && !has_max) return "";
  const std::string low = has_min ? number_text(spec.min) : "-inf";
  const std::string high = spec.max_is_experts ? "experts" : has_max ? number_text(spec.max) : "inf";
  return std::string(spec.min_exclusive || !has_min ? "(" : "[") + low + ", " + high + (has_max ? "]" : ")");
}

void validate_router_params(const RouterConfig& config, const ParamSchema& schema) {
  for (const auto& [key, value] : config.params.values()) {
    const ParamSpec* spec = nullptr;
    for (const auto& candidate : schema) spec = candidate.name == key ? &candidate : spec;
    if (spec) {
      check_value(config, *spec, value);
      continue;
    }
    std::vector<std::string> names;
    for (const auto& candidate : schema) names.push_back(candidate.name);
    const std::string hint = closest_match(key, names);
    throw RouterParamError(config.name, key,
                           "router '" + config.name + "' has no parameter '" + key + "'" +
                               (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                               (names.empty() ? " (it takes none)" : " (valid: " + joined(names, ", ") + ")"));
  }
}

}  // namespace routelab
