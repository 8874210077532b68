#include "scenarios/scenario_loader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "routers/router_registry.hpp"
#include "scenarios/referenced_file.hpp"
#include "scenarios/scenario_sections.hpp"
#include "scenarios/toml_table_reader.hpp"

namespace routelab {

ScenarioError::ScenarioError(std::string source, int line, int column, std::string key, const std::string& what)
    : ConfigError(key, what),
      message_(source + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + key + ": " + what),
      source_(std::move(source)),
      line_(line),
      column_(column) {}

namespace {

RouterParams read_router_params(const toml::table* table, const std::string& path, const std::string& source) {
  RouterParams params;
  if (!table) return params;
  for (const auto& [key, node] : *table) {
    const std::string name(key.str());
    if (node.is_string()) {
      params.set(name, node.as_string()->get());
    } else if (node.is_integer()) {
      params.set(name, std::to_string(node.as_integer()->get()));
    } else if (node.is_floating_point()) {
      std::ostringstream text;
      text.precision(17);
      text << node.as_floating_point()->get();
      params.set(name, text.str());
    } else if (node.is_boolean()) {
      params.set(name, node.as_boolean()->get() ? "true" : "false");
    } else {
      TableReader(*table, path, source).fail(&node, name, "expected a string, number or boolean");
    }
  }
  return params;
}

void read_experts_section(TableReader& top, SimulationConfig& sim) {
  const toml::table* t = top.subtable("experts");
  if (!t) return;
  TableReader experts(*t, "experts", top.source());
  sim.num_experts = static_cast<int>(experts.integer_or("count", sim.num_experts, 1, 1 << 22));
  sim.servers_per_expert = static_cast<int>(experts.integer_or("servers", 1, 1, 1 << 20));
  const toml::node* speed_node = t->get("speed");
  sim.expert_speed = experts.numbers("speed");
  if (!sim.expert_speed.empty() && static_cast<int>(sim.expert_speed.size()) != sim.num_experts)
    experts.fail(speed_node, "speed",
                 "expected " + std::to_string(sim.num_experts) + " speeds (one per expert), got " +
                     std::to_string(sim.expert_speed.size()));
  for (double s : sim.expert_speed)
    if (!(s > 0)) experts.fail(speed_node, "speed", "expected positive speeds");
  if (const toml::table* s = experts.subtable("service")) {
    TableReader service(*s, "experts.service", top.source());
    sim.service.distribution =
        parse_choice(service, "distribution", ServiceDistribution::deterministic,
                     [](const std::string& n) { return parse_service_distribution(n, "experts.service.distribution"); });
    sim.service.mean_ticks = service.number_or("mean_ticks", 1.0, 1e-9, 1e15);
    sim.service.cv = service.number_or("cv", 1.0, 1e-9, 1e3);
    service.reject_unknown();
  }
  experts.reject_unknown();
}

void read_routing_section(TableReader& top, SimulationConfig& sim) {
  const toml::table* t = top.subtable("routing");
  if (!t) return;
  TableReader routing(*t, "routing", top.source());
  sim.k = static_cast<int>(routing.integer_or("k", 1, 1, 1 << 22));
  sim.capacity_factor = routing.number_or("capacity_factor", 0.0, 0.0, 1e6);
  sim.overflow = parse_choice(routing, "overflow", OverflowPolicy::queue,
                              [](const std::string& n) { return parse_overflow_policy(n, "routing.overflow"); });
  sim.queue_buffer = routing.integer_or("buffer", -1, -1, INT64_MAX);
  routing.reject_unknown();
}

void read_metrics_section(TableReader& top, SimulationConfig& sim) {
  const toml::table* t = top.subtable("metrics");
  if (!t) return;
  TableReader metrics(*t, "metrics", top.source());
  sim.window_ticks = metrics.integer_or("window_ticks", sim.window_ticks, 1, INT64_MAX);
  sim.queue_threshold = metrics.integer_or("queue_threshold", -1, -1, INT64_MAX);
  sim.percentiles = parse_choice(metrics, "percentiles", PercentileMode::histogram,
                                 [](const std::string& n) { return parse_percentile_mode(n, "metrics.percentiles"); });
  metrics.reject_unknown();
}

void read_routers_section(TableReader& top, ScenarioSpec& spec) {
  const toml::node* node = top.get("routers");
  if (!node) return;
  const toml::array* array = node->as_array();
  if (!array) top.fail(node, "routers", "expected an array of tables ([[routers]])");
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const std::string path = "routers[" + std::to_string(i) + "]";
    if (!element.is_table()) top.fail(&element, path, "expected a table with `name`");
    TableReader router(*element.as_table(), path, top.source());
    RouterSpec entry;
    entry.name = router.string_or("name", "");
    if (entry.name.empty()) router.fail(&element, "name", "expected the router's name");
    entry.params = read_router_params(router.subtable("params"), path + ".params", top.source());
    router.reject_unknown();
    spec.routers.push_back(std::move(entry));
  }
}

// Validation errors name a dotted field; point at that key in the file when it is there (else at
// the closest enclosing table that is, else at the top of the file).
[[noreturn]] void fail_validation(const toml::table& root, const std::string& source, const ConfigError& error) {
  std::string path = error.field();
  toml::source_position where{1, 1};
  while (!path.empty()) {
    if (const toml::node* node = root.at_path(path).node()) {
      where = node->source().begin;
      break;
    }
    const auto dot = path.rfind('.');
    path = dot == std::string::npos ? "" : path.substr(0, dot);
  }
  const std::string what = error.what();
  throw ScenarioError(source, static_cast<int>(where.line), static_cast<int>(where.column), error.field(),
                      what.substr(error.field().size() + 2));
}

// [[routers]] entries against the registry's schemas, with the scenario's expert count (some
// bounds are "at most the number of experts"), so a bad router parameter is an error here, at its
// line, rather than when that router's run starts.
void check_routers(const toml::table& root, const std::string& source, const ScenarioSpec& spec) {
  static const RouterRegistry registry = builtin_router_registry();  // immutable once built
  for (std::size_t i = 0; i < spec.routers.size(); ++i) {
    const std::string path = "routers[" + std::to_string(i) + "]";
    const RouterSpec& router = spec.routers[i];
    try {
      registry.validate(make_router_config(spec, router, 0));
    } catch (const RouterParamError& error) {
      fail_validation(root, source, ConfigError(path + ".params." + error.key(), error.detail()));
    } catch (const UnknownNameError& error) {
      const std::string hint = closest_match(router.name, error.valid());
      fail_validation(root, source,
                      ConfigError(path + ".name", std::string(error.what()) +
                                                      (hint.empty() ? "" : "; did you mean '" + hint + "'?")));
    }
  }
}

}  // namespace

ScenarioSpec parse_scenario(std::string_view toml_text, const std::string& source_name) {
  const toml::table root = parse_toml_text(toml_text, source_name);

  ScenarioSpec spec;
  spec.source = source_name;
  SimulationConfig& sim = spec.simulation;
  TableReader top(root, "", source_name);
  spec.name = top.string_or("name", "");
  spec.description = top.string_or("description", "");
  sim.master_seed = static_cast<std::uint64_t>(top.integer_or("seed", 1, 0, INT64_MAX));
  spec.replications = static_cast<int>(top.integer_or("replications", 1, 1, 100000));

  read_experts_section(top, sim);
  read_batches_section(top, spec.workload);
  read_tokens_section(top, spec.workload);
  read_trace_section(top, spec);
  read_routing_section(top, sim);
  read_metrics_section(top, sim);
  read_length_section(top, spec);
  read_adversary_section(top, spec);
  read_cluster_section(top, spec);
  read_routers_section(top, spec);
  top.reject_unknown();

  try {
    spec.validate();
  } catch (const ConfigError& error) {
    fail_validation(root, source_name, error);
  }
  check_routers(root, source_name, spec);
  return spec;
}

ScenarioSpec load_scenario_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw IoError("cannot read scenario file '" + path.string() + "'");
  std::ostringstream text;
  text << file.rdbuf();
  return parse_scenario(text.str(), path.string());
}

}  // namespace routelab
