#include "scenarios/sweeps/sweep_values.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "engine/metrics.hpp"
#include "core/rng_streams.hpp"

namespace routelab::sweeps {

std::string canonical_float(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, result.ptr);
  if (std::isfinite(value) && text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;  // inf, -inf, nan and -nan are TOML spellings already
}

std::string canonical_string(std::string_view value) {
  std::string text = "\"";
  for (const char c : value) {
    switch (c) {
      case '"': text += "\\\""; break;
      case '\\': text += "\\\\"; break;
      case '\n': text += "\\n"; break;
      case '\t': text += "\\t"; break;
      case '\r': text += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          text += escape;
        } else {
          text += c;
        }
    }
  }
  return text + "\"";
}

ParamValue make_bool(bool value) {
  ParamValue v;
  v.kind = ValueKind::boolean;
  v.boolean = value;
  v.canonical = value ? "true" : "false";
  return v;
}

ParamValue make_integer(std::int64_t value) {
  ParamValue v;
  v.kind = ValueKind::integer;
  v.integer = value;
  v.canonical = std::to_string(value);
  return v;
}

ParamValue make_floating(double value) {
  ParamValue v;
  v.kind = ValueKind::floating;
  v.floating = value;
  v.canonical = canonical_float(value);
  return v;
}

ParamValue make_string(std::string value) {
  ParamValue v;
  v.kind = ValueKind::string;
  v.canonical = canonical_string(value);
  v.string = std::move(value);
  return v;
}

std::string canonical_assignments(const std::vector<Assignment>& assignments) {
  std::string text;
  for (const auto& [key, value] : assignments) {
    if (!text.empty()) text += ", ";
    text += key + " = " + value.canonical;
  }
  return text;
}

std::uint64_t stable_hash(std::string_view text) {
  return mix64(hash_string(text) ^ mix64(text.size()));
}

std::string hex_id(std::string_view text) { return fingerprint_hex(stable_hash(text)); }

}  // namespace routelab::sweeps
