#pragma once
// Typed router parameters: each router declares its parameters once (name, type, range, default,
// meaning) in its RouterInfo, and the registry checks a RouterParams against that declaration
// before the factory runs. The scenario loader and the sweep planner run the same check, so a
// misspelt or out-of-range parameter is an error where it is written, not in the middle of a run.
#include <limits>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "routers/router_config.hpp"

namespace routelab {

enum class ParamType {
  integer,  // a whole number (from_chars, no sign tricks)
  number,   // a finite real number
  text,     // any string
  choice,   // one of `choices`
  path,     // a file path (not empty); relative paths resolve against the scenario file
};

struct ParamSpec {
  // Every member has a default so that designated initializers may leave any out warning-free.
  std::string name = {};
  ParamType type = ParamType::number;
  std::string default_value = {};  // as a scenario would write it, or words for a derived default
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_exclusive = false;          // (min, ...] instead of [min, ...]
  bool max_is_experts = false;         // the upper bound is also the scenario's expert count
  std::vector<std::string> choices = {};  // type choice: the valid values
  std::string meaning = {};
};

using ParamSchema = std::vector<ParamSpec>;

// A router parameter that its router's schema rejects; `key` is the parameter's name.
class RouterParamError : public ConfigError {
 public:
  RouterParamError(const std::string& router, std::string key, const std::string& what)
      : ConfigError("router." + key, what), router_(router), key_(std::move(key)), detail_(what) {}
  const std::string& router() const { return router_; }
  const std::string& key() const { return key_; }
  const std::string& detail() const { return detail_; }  // the message without the "router.KEY: " field

 private:
  std::string router_;
  std::string key_;
  std::string detail_;
};

const char* to_string(ParamType type);
// Shortest text that reads back as `value` (1000, not 1e+03): how defaults and ranges are shown.
std::string number_text(double value);
// "[1, 10000]", "(0, 10]", "[1, experts]", "per_batch | fixed", or "" when unbounded.
std::string describe_range(const ParamSpec& spec);

// Checks every parameter of `config` against `schema`: an unknown key (with "did you mean" and the
// valid keys), a value of the wrong type, or one out of range throws RouterParamError.
void validate_router_params(const RouterConfig& config, const ParamSchema& schema);

}  // namespace routelab
