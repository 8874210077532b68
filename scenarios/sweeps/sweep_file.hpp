#pragma once
// A sweep file (TOML): a base scenario, the parameter study (cartesian grid, zipped lists,
// constraints), the routers and the replications. Parsed and checked once, at the boundary; every
// error names the sweep file, line, column and key (reference: docs/sweeps.md).
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "routers/router_config.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_loader.hpp"
#include "scenarios/sweeps/sweep_expression.hpp"
#include "scenarios/sweeps/sweep_values.hpp"

namespace routelab::sweeps {

// An error in a sweep file: "file:line:column: key: what" (same shape as scenario errors).
class SweepError : public ScenarioError {
 public:
  SweepError(std::string source, int line, int column, std::string key, const std::string& what)
      : ScenarioError(source, line, column, key, what),
        message_(source + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + key + ": " + what) {}
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string message_;
};

// The part of a ConfigError's message after its field ("field: what" -> "what").
std::string error_detail(const ConfigError& error);

struct SourcePosition {
  int line = 1;
  int column = 1;
};

struct SweepParameter {
  std::string key;                 // dotted scenario key, e.g. "routing.capacity_factor"
  std::vector<ParamValue> values;  // in the file's order
  SourcePosition position;
};

// One dimension of the cartesian product: a grid key (one parameter) or a [[zip]] table (several
// parameters advanced together). Axes are kept sorted by their first key, so the plan's order does
// not depend on how the file orders its tables.
struct SweepAxis {
  std::vector<SweepParameter> parameters;  // sorted by key
  bool zipped = false;
  std::size_t size() const { return parameters.front().values.size(); }
};

struct SweepRouter {
  std::string label;      // unique within the sweep; what results and reports call it
  std::string name;       // registry name
  RouterParams params;
  std::string canonical_params;  // "{ "key" = "value", ... }", or "" without params
  std::string canonical;         // name plus canonical params: the router's part of the run id
  SourcePosition position;
};

struct SweepFixedValue {  // [set]: one override applied to every run
  std::string key;
  ParamValue value;
  SourcePosition position;
};

struct SweepConstraint {
  Expression expression;
  SourcePosition position;
};

struct SweepFile {
  std::string source;          // the sweep file's path as given
  std::string text;            // the sweep file's text (stored with the results)
  std::string name;
  std::string base_reference;  // `scenario = ...` as written
  std::string base_source;     // resolved: a file path or "builtin:NAME"
  std::string base_text;       // the base scenario's TOML
  bool seed_overridden = false;
  std::uint64_t seed = 0;      // the master seed (the file's `seed`, else the base scenario's)
  int replications = 1;
  std::vector<SweepRouter> routers;
  std::vector<SweepFixedValue> fixed;
  std::vector<SweepAxis> axes;
  std::vector<SweepConstraint> constraints;

  // Names usable in constraints and --filter: every parameter key (sorted), then "router"
  // (the router's label) and "replication".
  std::vector<std::string> expression_names() const;
  std::vector<std::string> parameter_keys() const;  // sorted
  std::size_t combinations() const;                 // product of the axis sizes
};

// Parses a sweep file. A relative `scenario` path is resolved against `base_dir` (the sweep
// file's folder); router names are checked against `registry`.
SweepFile parse_sweep_file(std::string_view text, const std::string& source, const std::filesystem::path& base_dir,
                           const RouterRegistry& registry);
SweepFile load_sweep_file(const std::filesystem::path& path, const RouterRegistry& registry);

// Parses a --filter expression over the sweep's expression names; throws ConfigError("--filter").
Expression parse_filter(const SweepFile& sweep, std::string_view text);

}  // namespace routelab::sweeps
