#include "scenarios/sweeps/sweep_file.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <tuple>
#include <toml++/toml.h>

#include "scenarios/scenario_library.hpp"
#include "scenarios/sweeps/sweep_scenario.hpp"
#include "scenarios/sweeps/toml_params.hpp"

namespace routelab::sweeps {

namespace {

// Keys of the scenario that the sweep file sets itself; sweeping them in [grid] would be ambiguous.
constexpr const char* kReservedKeys[] = {"routers", "replications"};
// Most replications one sweep may ask for (the scenario loader's own limit).
constexpr std::int64_t kMaxReplications = 100000;

SourcePosition position_of(const toml::node& node) {
  const auto& begin = node.source().begin;
  return {static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

class SweepReader {
 public:
  SweepReader(const toml::table& root, std::string source) : root_(root), source_(std::move(source)) {}

  [[noreturn]] void fail(SourcePosition where, const std::string& key, const std::string& what) const {
    throw SweepError(source_, where.line, where.column, key, what);
  }
  [[noreturn]] void fail(const toml::node* node, const std::string& key, const std::string& what) const {
    fail(node ? position_of(*node) : SourcePosition{}, key, what);
  }

  const toml::node* get(const std::string& key) {
    known_.push_back(key);
    return root_.get(key);
  }

  std::string string(const std::string& key, const std::string& fallback) {
    const toml::node* node = get(key);
    if (!node) return fallback;
    if (!node->is_string()) fail(node, key, "expected a string");
    return node->as_string()->get();
  }

  std::int64_t integer(const std::string& key, std::int64_t fallback, std::int64_t min, std::int64_t max) {
    const toml::node* node = get(key);
    if (!node) return fallback;
    const std::optional<std::int64_t> value = node->is_integer() ? node->value<std::int64_t>() : std::nullopt;
    if (!value || *value < min || *value > max)
      fail(node, key, "expected an integer in " + std::to_string(min) + ".." + std::to_string(max));
    return *value;
  }

  void reject_unknown() const {
    for (const auto& [key, node] : root_) {
      const std::string name(key.str());
      if (std::find(known_.begin(), known_.end(), name) != known_.end()) continue;
      const std::string hint = closest_match(name, known_);
      fail(&node, name, "unknown key" + (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                            " (a sweep file has: name, scenario, seed, replications, routers, constraints, "
                            "[set], [grid], [[zip]])");
    }
  }

  const std::string& source() const { return source_; }

 private:
  const toml::table& root_;
  std::string source_;
  std::vector<std::string> known_;
};

// Flattens nested tables into dotted keys: `[grid] routing.k = [1, 2]` and `"routing.k" = [1, 2]`
// mean the same parameter. Leaves keep their node for positions.
void flatten(const toml::table& table, const std::string& prefix,
             std::vector<std::pair<std::string, const toml::node*>>& out) {
  for (const auto& [key, node] : table) {
    const std::string name = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const toml::table* child = node.as_table()) {
      flatten(*child, name, out);
    } else {
      out.emplace_back(name, &node);
    }
  }
}

// A router of the sweep. Its identity (part of every run id) is its name and its parameters as
// the router sees them (strings, sorted by key), however the file spelled them.
SweepRouter make_sweep_router(std::string name, std::string label, RouterParams params, SourcePosition position) {
  std::string canonical_params;
  for (const auto& [key, value] : params.values())
    canonical_params += (canonical_params.empty() ? "{ " : ", ") + canonical_string(key) + " = " + canonical_string(value);
  if (!canonical_params.empty()) canonical_params += " }";
  std::string canonical = canonical_string(name) + (canonical_params.empty() ? "" : " " + canonical_params);
  if (label.empty()) label = canonical_params.empty() ? name : name + " " + canonical_params;
  return SweepRouter{std::move(label), std::move(name), std::move(params), std::move(canonical_params),
                     std::move(canonical), position};
}

// Two positions of a zipped axis with the same value in every list would run one point twice.
void reject_repeated_tuples(const SweepReader& reader, const SweepAxis& axis) {
  const std::size_t count = axis.parameters.front().values.size();
  for (std::size_t i = 1; i < count; ++i)
    for (std::size_t j = 0; j < i; ++j) {
      const bool same = std::all_of(axis.parameters.begin(), axis.parameters.end(), [&](const SweepParameter& p) {
        return p.values[i].canonical == p.values[j].canonical;
      });
      if (same)
        reader.fail(axis.parameters.front().position, axis.parameters.front().key,
                    "zipped values " + std::to_string(j + 1) + " and " + std::to_string(i + 1) +
                        " are the same in every list (the point would run twice)");
    }
}

ParamValue value_of(const SweepReader& reader, const toml::node& node, const std::string& key) {
  try {
    return to_param_value(node);
  } catch (const ConfigError& error) {
    reader.fail(&node, key, std::string(error.what()).substr(2));
  }
}

// A grid list's values must differ (a repeat would run a point twice); a zipped list may repeat
// values, as long as the zipped tuples differ (checked by the caller).
SweepParameter read_list(const SweepReader& reader, const std::string& key, const toml::node& node,
                         bool distinct_values) {
  for (const char* reserved : kReservedKeys)
    if (key == reserved)
      reader.fail(&node, key, "set `" + key + "` at the top of the sweep file, not as a parameter");
  const toml::array* array = node.as_array();
  if (!array) reader.fail(&node, key, "expected a list of values, e.g. [1, 2, 3]");
  if (array->empty()) reader.fail(&node, key, "expected at least one value");
  SweepParameter parameter{key, {}, position_of(node)};
  for (const auto& element : *array) {
    ParamValue value = value_of(reader, element, key);
    if (distinct_values)
      for (const auto& earlier : parameter.values)
        if (earlier.canonical == value.canonical)
          reader.fail(&element, key, "value " + value.canonical + " is listed twice");
    parameter.values.push_back(std::move(value));
  }
  return parameter;
}

std::vector<SweepRouter> read_routers(SweepReader& reader, const RouterRegistry& registry) {
  std::vector<SweepRouter> routers;
  const toml::node* node = reader.get("routers");
  if (!node) return routers;
  const toml::array* array = node->as_array();
  if (!array || array->empty())
    reader.fail(node, "routers", "expected a non-empty list of router names or tables {name, label, params}");
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const std::string key = "routers[" + std::to_string(i) + "]";
    SweepRouter router;
    router.position = position_of(element);
    const toml::table* params = nullptr;
    if (element.is_string()) {
      router.name = element.as_string()->get();
    } else if (const toml::table* table = element.as_table()) {
      for (const auto& [field, value] : *table) {
        const std::string name(field.str());
        if (name == "name" && value.is_string()) {
          router.name = value.as_string()->get();
        } else if (name == "label" && value.is_string()) {
          router.label = value.as_string()->get();
        } else if (name == "params" && value.is_table()) {
          params = value.as_table();
        } else {
          reader.fail(&value, key + "." + name,
                      name == "name" || name == "label" ? "expected a string"
                      : name == "params"                ? "expected a table"
                                                        : "unknown key (a router has: name, label, params)");
        }
      }
      if (router.name.empty()) reader.fail(&element, key, "expected the router's `name`");
    } else {
      reader.fail(&element, key, "expected a router name or a table {name, label, params}");
    }
    try {
      registry.find(router.name);
    } catch (const UnknownNameError& error) {
      reader.fail(&element, key, error.what());
    }
    RouterParams router_params;
    if (params)
      for (const auto& [field, value] : *params) {
        const ParamValue parameter = value_of(reader, value, key + ".params." + std::string(field.str()));
        router_params.set(std::string(field.str()),
                          parameter.kind == ValueKind::string ? parameter.string : parameter.canonical);
      }
    router = make_sweep_router(router.name, router.label, std::move(router_params), router.position);
    for (const auto& earlier : routers) {
      if (earlier.canonical == router.canonical)
        reader.fail(&element, key, "router " + router.canonical + " is listed twice");
      if (earlier.label == router.label)
        reader.fail(&element, key, "router label '" + router.label + "' is used twice; give one a `label`");
    }
    routers.push_back(std::move(router));
  }
  return routers;
}

// An expression quoted in a message, cut short: a hostile 100 kB filter must not become a 100 kB
// message (the column in the error still points into the full text).
std::string quoted_expression(std::string_view text) {
  constexpr std::size_t kShown = 80;
  if (text.size() <= kShown) return "\"" + std::string(text) + "\"";
  return "\"" + std::string(text.substr(0, kShown)) + "...\" (" + std::to_string(text.size()) + " characters)";
}

std::string read_text_file(const std::filesystem::path& path, const char* what) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw IoError("cannot read " + std::string(what) + " '" + path.string() + "'");
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// `scenario = ...`: a path (relative to the sweep file) when it looks like one, else a library name.
void resolve_base(SweepReader& reader, SweepFile& sweep, const std::filesystem::path& base_dir) {
  const toml::node* node = reader.get("scenario");
  if (!node) reader.fail(SourcePosition{}, "scenario", "expected the base scenario: a library name or a .toml path");
  if (!node->is_string()) reader.fail(node, "scenario", "expected a string");
  sweep.base_reference = node->as_string()->get();
  const std::filesystem::path path = base_dir / sweep.base_reference;
  const bool looks_like_path = sweep.base_reference.find('/') != std::string::npos ||
                               std::filesystem::path(sweep.base_reference).extension() == ".toml";
  // The error_code overload: a name the file system rejects (longer than NAME_MAX: found by the
  // sweep_file fuzzer) is "no such file", not a raw filesystem_error.
  std::error_code ec;
  const bool is_file = std::filesystem::is_regular_file(path, ec);
  if (looks_like_path || is_file) {
    if (!is_file)
      reader.fail(node, "scenario", "no scenario file at '" + path.string() + "'");
    sweep.base_source = path.lexically_normal().string();
    sweep.base_text = read_text_file(path, "scenario file");
    return;
  }
  for (const auto& builtin : builtin_scenarios())
    if (builtin.name == sweep.base_reference) {
      sweep.base_source = "builtin:" + sweep.base_reference;
      sweep.base_text = builtin.toml_text;
      return;
    }
  reader.fail(node, "scenario", UnknownNameError("scenario", sweep.base_reference, builtin_scenario_names()).what());
}

// Checks what can be checked once for the whole sweep: [set] and seed applied to the base, and
// every parameter key known to the scenario loader. Values that the loader rejects only in some
// combinations are not errors of the file: those runs fail and are recorded.
void check_against_base(const SweepReader& reader, const SweepFile& sweep) {
  std::unique_ptr<SweepScenarioBuilder> builder;
  try {
    builder = std::make_unique<SweepScenarioBuilder>(sweep);
  } catch (const ScenarioError&) {
    throw;  // the base scenario itself is invalid: its own file and line
  } catch (const ConfigError& error) {
    for (const auto& fixed : sweep.fixed)
      if (fixed.key == error.field()) reader.fail(fixed.position, "set." + fixed.key, error_detail(error));
    throw;
  }
  try {
    builder->scenario_for({});
  } catch (const SweepPointError& error) {
    for (const auto& fixed : sweep.fixed)
      if (error.field() == fixed.key || error.field().rfind(fixed.key + ".", 0) == 0 ||
          fixed.key.rfind(error.field() + ".", 0) == 0)
        reader.fail(fixed.position, "set." + fixed.key, error_detail(error));
    reader.fail(SourcePosition{}, error.field(), "the base scenario with [set] and seed is invalid: " +
                                                      error_detail(error));
  }
  for (const auto& axis : sweep.axes)
    for (const auto& parameter : axis.parameters) {
      try {
        parse_scenario(builder->document_for({{parameter.key, parameter.values.front()}}), "probe");
      } catch (const SweepPointError& error) {
        reader.fail(parameter.position, parameter.key, error_detail(error));
      } catch (const ScenarioError& error) {
        const std::string detail = scenario_error_detail(error);
        const bool about_key = error.field() == parameter.key || parameter.key.rfind(error.field() + ".", 0) == 0;
        if (about_key && detail.rfind("unknown key", 0) == 0)
          reader.fail(parameter.position, parameter.key, "not a scenario key: '" + error.field() + "': " + detail);
      }
    }
}

}  // namespace

std::string error_detail(const ConfigError& error) {
  const std::string what = error.what();
  const std::string prefix = error.field() + ": ";
  return what.rfind(prefix, 0) == 0 ? what.substr(prefix.size()) : what;
}

std::vector<std::string> SweepFile::parameter_keys() const {
  std::vector<std::string> keys;
  for (const auto& axis : axes)
    for (const auto& parameter : axis.parameters) keys.push_back(parameter.key);
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::vector<std::string> SweepFile::expression_names() const {
  std::vector<std::string> names = parameter_keys();
  names.push_back("router");
  names.push_back("replication");
  return names;
}

std::size_t SweepFile::combinations() const {
  std::size_t count = 1;
  for (const auto& axis : axes) count *= axis.size();
  return count;
}

SweepFile parse_sweep_file(std::string_view text, const std::string& source, const std::filesystem::path& base_dir,
                           const RouterRegistry& registry) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(source));
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    throw SweepError(source, static_cast<int>(where.line), static_cast<int>(where.column), "(syntax)",
                     std::string(error.description()));
  }
  SweepReader reader(root, source);
  SweepFile sweep;
  sweep.source = source;
  sweep.text = std::string(text);
  sweep.name = reader.string("name", std::filesystem::path(source).stem().string());
  resolve_base(reader, sweep, base_dir);
  const ScenarioSpec base = parse_scenario(sweep.base_text, sweep.base_source);
  sweep.seed_overridden = root.contains("seed");
  sweep.seed = static_cast<std::uint64_t>(
      reader.integer("seed", static_cast<std::int64_t>(base.simulation.master_seed), 0, INT64_MAX));
  sweep.replications = static_cast<int>(reader.integer("replications", base.replications, 1, kMaxReplications));
  sweep.routers = read_routers(reader, registry);
  if (sweep.routers.empty()) {
    for (const auto& router : base.routers)
      sweep.routers.push_back(make_sweep_router(router.name, "", router.params, {}));
    if (sweep.routers.empty())
      for (const auto& name : registry.names())
        sweep.routers.push_back(make_sweep_router(name, "", {}, {}));
  }

  std::map<std::string, SourcePosition> seen;  // every parameter key once, across grid and zips
  auto claim = [&](const SweepParameter& parameter) {
    if (auto earlier = seen.find(parameter.key); earlier != seen.end())
      reader.fail(parameter.position, parameter.key,
                  "parameter is already swept at line " + std::to_string(earlier->second.line));
    seen.emplace(parameter.key, parameter.position);
  };
  if (const toml::node* node = reader.get("set")) {
    if (!node->is_table()) reader.fail(node, "set", "expected a table ([set])");
    std::vector<std::pair<std::string, const toml::node*>> leaves;
    flatten(*node->as_table(), "", leaves);
    for (const auto& [key, leaf] : leaves) {
      for (const char* reserved : kReservedKeys)
        if (key == reserved) reader.fail(leaf, "set." + key, "set `" + key + "` at the top of the sweep file");
      sweep.fixed.push_back(SweepFixedValue{key, value_of(reader, *leaf, "set." + key), position_of(*leaf)});
    }
  }
  if (const toml::node* node = reader.get("grid")) {
    if (!node->is_table()) reader.fail(node, "grid", "expected a table ([grid])");
    std::vector<std::pair<std::string, const toml::node*>> leaves;
    flatten(*node->as_table(), "", leaves);
    for (const auto& [key, leaf] : leaves) {
      SweepAxis axis;
      axis.parameters.push_back(read_list(reader, key, *leaf, true));
      claim(axis.parameters.back());
      sweep.axes.push_back(std::move(axis));
    }
  }
  if (const toml::node* node = reader.get("zip")) {
    const toml::array* zips = node->as_array();
    if (!zips || !zips->is_array_of_tables()) reader.fail(node, "zip", "expected tables ([[zip]])");
    for (std::size_t i = 0; i < zips->size(); ++i) {
      const toml::node& zip = *zips->get(i);
      std::vector<std::pair<std::string, const toml::node*>> leaves;
      flatten(*zip.as_table(), "", leaves);
      if (leaves.empty()) reader.fail(&zip, "zip[" + std::to_string(i) + "]", "expected at least one list");
      std::sort(leaves.begin(), leaves.end(), [](const auto& a, const auto& b) {  // file order, for messages
        const auto x = position_of(*a.second);
        const auto y = position_of(*b.second);
        return std::tie(x.line, x.column) < std::tie(y.line, y.column);
      });
      SweepAxis axis;
      axis.zipped = true;
      for (const auto& [key, leaf] : leaves) {
        axis.parameters.push_back(read_list(reader, key, *leaf, false));
        claim(axis.parameters.back());
        const SweepParameter& first = axis.parameters.front();
        if (axis.parameters.back().values.size() != first.values.size())
          reader.fail(leaf, key, "zipped lists must have equal lengths: " + key + " has " +
                                     std::to_string(axis.parameters.back().values.size()) + " values, " +
                                     first.key + " has " + std::to_string(first.values.size()));
      }
      reject_repeated_tuples(reader, axis);
      std::sort(axis.parameters.begin(), axis.parameters.end(),
                [](const SweepParameter& a, const SweepParameter& b) { return a.key < b.key; });
      sweep.axes.push_back(std::move(axis));
    }
  }
  std::sort(sweep.axes.begin(), sweep.axes.end(), [](const SweepAxis& a, const SweepAxis& b) {
    return a.parameters.front().key < b.parameters.front().key;
  });

  if (const toml::node* node = reader.get("constraints")) {
    const toml::array* list = node->as_array();
    if (!list) reader.fail(node, "constraints", "expected a list of expressions, e.g. [\"routing.k <= 2\"]");
    const std::vector<std::string> names = sweep.expression_names();
    for (std::size_t i = 0; i < list->size(); ++i) {
      const toml::node& element = *list->get(i);
      const std::string key = "constraints[" + std::to_string(i) + "]";
      if (!element.is_string()) reader.fail(&element, key, "expected an expression in a string");
      try {
        sweep.constraints.push_back(SweepConstraint{Expression(element.as_string()->get(), names), position_of(element)});
      } catch (const ExpressionError& error) {
        reader.fail(&element, key, "in " + quoted_expression(element.as_string()->get()) + " at " + error.what());
      }
    }
  }
  reader.reject_unknown();
  check_against_base(reader, sweep);
  return sweep;
}

SweepFile load_sweep_file(const std::filesystem::path& path, const RouterRegistry& registry) {
  return parse_sweep_file(read_text_file(path, "sweep file"), path.string(), path.parent_path(), registry);
}

Expression parse_filter(const SweepFile& sweep, std::string_view text) {
  try {
    return Expression(text, sweep.expression_names());
  } catch (const ExpressionError& error) {
    throw ConfigError("--filter", "in " + quoted_expression(text) + " at " + error.what());
  }
}

}  // namespace routelab::sweeps
