#pragma once
// A sweep parameter's value (one element of a grid or zip list) in canonical form. The canonical
// text is a TOML inline value (`1.25`, `"zipf"`, `[1, 2]`, `{"d" = 3}`) that is the same however
// the sweep file spelled the value, so it can be hashed into stable run ids and parsed back into
// the scenario document as an override.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace routelab::sweeps {

enum class ValueKind { boolean, integer, floating, string, composite };

struct ParamValue {
  ValueKind kind = ValueKind::integer;
  bool boolean = false;
  std::int64_t integer = 0;
  double floating = 0;
  std::string string;     // the value of a string
  std::string canonical;  // canonical TOML inline text of any kind

  bool is_number() const { return kind == ValueKind::integer || kind == ValueKind::floating; }
  double number() const { return kind == ValueKind::integer ? static_cast<double>(integer) : floating; }
};

ParamValue make_bool(bool value);
ParamValue make_integer(std::int64_t value);
ParamValue make_floating(double value);
ParamValue make_string(std::string value);

// Canonical TOML spellings: shortest round-trip floats that always carry a '.' or exponent,
// basic strings with every control character escaped.
std::string canonical_float(double value);
std::string canonical_string(std::string_view value);

// A named value, as it appears in a point of the plan.
using Assignment = std::pair<std::string, ParamValue>;

// "key = value, key = value" in the given order (the plan keeps points sorted by key).
std::string canonical_assignments(const std::vector<Assignment>& assignments);

// Stable 64-bit hash of a text (FNV-1a, then a SplitMix64 finalizer so that near-identical texts
// differ in every hex digit), and its 16-digit lower-case hex spelling used for ids.
std::uint64_t stable_hash(std::string_view text);
std::string hex_id(std::string_view text);

}  // namespace routelab::sweeps
