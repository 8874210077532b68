#include "scenarios/scenario_loader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

namespace routelab {

ScenarioError::ScenarioError(std::string source, int line, int column, std::string key, const std::string& what)
    : ConfigError(key, source + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + key + ": " + what),
      source_(std::move(source)),
      line_(line),
      column_(column) {}

std::string closest_match(std::string_view word, const std::vector<std::string>& choices) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& choice : choices) {
    std::vector<std::size_t> row(choice.size() + 1);
    for (std::size_t j = 0; j <= choice.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= word.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= choice.size(); ++j) {
        const std::size_t above = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (word[i - 1] == choice[j - 1] ? 0 : 1)});
        diagonal = above;
      }
    }
    if (row[choice.size()] < best_distance) {
      best_distance = row[choice.size()];
      best = choice;
    }
  }
  return best;
}

namespace {

// Walks one TOML table, remembering which keys were read so that leftovers are reported.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, const std::string& source)
      : table_(table), path_(std::move(path)), source_(source) {}

  [[noreturn]] void fail(const toml::node* node, const std::string& key, const std::string& what) const {
    const auto& where = node ? node->source().begin : table_.source().begin;
    throw ScenarioError(source_, static_cast<int>(where.line), static_cast<int>(where.column), qualified(key), what);
  }

  std::string qualified(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  const toml::node* get(const std::string& key) {
    known_.push_back(key);
    return table_.get(key);
  }

  std::string string_or(const std::string& key, std::string fallback) {
    const toml::node* node = get(key);
    if (!node) return fallback;
    if (auto value = node->value<std::string>(); value && node->is_string()) return *value;
    fail(node, key, "expected a string");
  }

  std::int64_t integer_or(const std::string& key, std::int64_t fallback, std::int64_t min, std::int64_t max) {
    const toml::node* node = get(key);
    if (!node) return fallback;
    if (!node->is_integer()) fail(node, key, "expected an integer");
    const std::int64_t value = node->as_integer()->get();
    if (value < min || value > max)
      fail(node, key, "expected an integer in " + std::to_string(min) + ".." + std::to_string(max) + ", got " +
                          std::to_string(value));
    return value;
  }

  double number_or(const std::string& key, double fallback, double min, double max) {
    const toml::node* node = get(key);
    if (!node) return fallback;
    double value = 0;
    if (node->is_integer()) {
      value = static_cast<double>(node->as_integer()->get());
    } else if (node->is_floating_point()) {
      value = node->as_floating_point()->get();
    } else {
      fail(node, key, "expected a number");
    }
    if (!(value >= min && value <= max)) {
      std::ostringstream range;
      range << "expected a number in [" << min << ", " << max << "], got " << value;
      fail(node, key, range.str());
    }
    return value;
  }

  std::vector<double> numbers(const std::string& key) {
    const toml::node* node = get(key);
    std::vector<double> result;
    if (!node) return result;
    const toml::array* array = node->as_array();
    if (!array) fail(node, key, "expected an array of numbers");
    for (const auto& element : *array) {
      if (element.is_integer()) {
        result.push_back(static_cast<double>(element.as_integer()->get()));
      } else if (element.is_floating_point()) {
        result.push_back(element.as_floating_point()->get());
      } else {
        fail(&element, key, "expected an array of numbers");
      }
    }
    return result;
  }

  const toml::table* subtable(const std::string& key) {
    const toml::node* node = get(key);
    if (!node) return nullptr;
    if (!node->is_table()) fail(node, key, "expected a table ([" + qualified(key) + "])");
    return node->as_table();
  }

  // Every key that was not asked for is an error, with the closest known key suggested.
  void reject_unknown() const {
    for (const auto& [key, node] : table_) {
      const std::string name(key.str());
      if (std::find(known_.begin(), known_.end(), name) != known_.end()) continue;
      std::string hint = closest_match(name, known_);
      std::string what = "unknown key";
      if (!hint.empty()) what += "; did you mean '" + hint + "'?";
      std::string list;
      for (const auto& k : known_) list += (list.empty() ? "" : ", ") + k;
      what += " (valid here: " + list + ")";
      fail(&node, name, what);
    }
  }

 private:
  const toml::table& table_;
  std::string path_;
  const std::string& source_;
  std::vector<std::string> known_;
};

template <typename Enum, typename Parse>
Enum parse_choice(TableReader& reader, const std::string& key, Enum fallback, Parse parse) {
  const toml::node* node = reader.get(key);
  if (!node) return fallback;
  if (!node->is_string()) reader.fail(node, key, "expected a string");
  try {
    return parse(node->as_string()->get());
  } catch (const ConfigError& error) {
    std::string what = error.what();
    reader.fail(node, key, what.substr(what.find(": ") + 2));
  }
}

RouterParams read_router_params(const toml::table* table, const std::string& path,
                                const std::string& source) {
  RouterParams params;
  if (!table) return params;
  for (const auto& [key, node] : *table) {
    const std::string name(key.str());
    if (auto s = node.value<std::string>(); node.is_string()) {
      params.set(name, *s);
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

}  // namespace

ScenarioSpec parse_scenario(std::string_view toml_text, const std::string& source_name) {
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    throw ScenarioError(source_name, static_cast<int>(where.line), static_cast<int>(where.column), "(syntax)",
                        std::string(error.description()));
  }

  ScenarioSpec spec;
  spec.source = source_name;
  SimulationConfig& sim = spec.simulation;
  WorkloadSpec& work = spec.workload;
  TableReader top(root, "", source_name);
  spec.name = top.string_or("name", "");
  spec.description = top.string_or("description", "");
  sim.master_seed = static_cast<std::uint64_t>(top.integer_or("seed", 1, 0, INT64_MAX));
  spec.replications = static_cast<int>(top.integer_or("replications", 1, 1, 100000));

  if (const toml::table* t = top.subtable("experts")) {
    TableReader experts(*t, "experts", source_name);
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
      TableReader service(*s, "experts.service", source_name);
      sim.service.distribution = parse_choice(service, "distribution", ServiceDistribution::deterministic,
                                              [](const std::string& n) {
                                                return parse_service_distribution(n, "experts.service.distribution");
                                              });
      sim.service.mean_ticks = service.number_or("mean_ticks", 1.0, 1e-9, 1e15);
      sim.service.cv = service.number_or("cv", 1.0, 1e-9, 1e3);
      service.reject_unknown();
    }
    experts.reject_unknown();
  }

  if (const toml::table* t = top.subtable("batches")) {
    TableReader batches(*t, "batches", source_name);
    work.batch_size = static_cast<int>(batches.integer_or("size", work.batch_size, 1, 1 << 24));
    work.arrival = parse_choice(batches, "arrival", ArrivalProcess::fixed, [](const std::string& n) {
      if (n == "fixed") return ArrivalProcess::fixed;
      if (n == "poisson") return ArrivalProcess::poisson;
      throw ConfigError("batches.arrival", "expected one of fixed, poisson; got '" + n + "'");
    });
    work.interval_ticks = batches.number_or("interval_ticks", work.interval_ticks, 1e-9, 1e15);
    batches.reject_unknown();
  }

  if (const toml::table* t = top.subtable("tokens")) {
    TableReader tokens(*t, "tokens", source_name);
    work.keys = parse_choice(tokens, "keys", KeyDistribution::uniform, [](const std::string& n) {
      if (n == "uniform") return KeyDistribution::uniform;
      if (n == "zipf") return KeyDistribution::zipf;
      throw ConfigError("tokens.keys", "expected one of uniform, zipf; got '" + n + "'");
    });
    work.vocabulary = static_cast<std::uint64_t>(tokens.integer_or("vocabulary", 50257, 1, 1LL << 40));
    work.zipf_s = tokens.number_or("zipf_s", 1.0, 1e-9, 100.0);
    tokens.reject_unknown();
  }

  if (const toml::table* t = top.subtable("routing")) {
    TableReader routing(*t, "routing", source_name);
    sim.k = static_cast<int>(routing.integer_or("k", 1, 1, 1 << 22));
    sim.capacity_factor = routing.number_or("capacity_factor", 0.0, 0.0, 1e6);
    sim.overflow = parse_choice(routing, "overflow", OverflowPolicy::queue,
                                [](const std::string& n) { return parse_overflow_policy(n, "routing.overflow"); });
    sim.queue_buffer = routing.integer_or("buffer", -1, -1, INT64_MAX);
    routing.reject_unknown();
  }

  if (const toml::table* t = top.subtable("metrics")) {
    TableReader metrics(*t, "metrics", source_name);
    sim.window_ticks = metrics.integer_or("window_ticks", sim.window_ticks, 1, INT64_MAX);
    sim.queue_threshold = metrics.integer_or("queue_threshold", -1, -1, INT64_MAX);
    metrics.reject_unknown();
  }

  if (const toml::table* t = top.subtable("length")) {
    TableReader length(*t, "length", source_name);
    work.total_tokens = length.integer_or("tokens", 0, 0, INT64_MAX);
    sim.stop_tick = length.integer_or("ticks", -1, 1, INT64_MAX);
    if (work.total_tokens == 0 && sim.stop_tick < 0) length.fail(nullptr, "tokens", "expected `tokens` or `ticks`");
    length.reject_unknown();
  }

  if (const toml::node* node = top.get("routers")) {
    const toml::array* array = node->as_array();
    if (!array) top.fail(node, "routers", "expected an array of tables ([[routers]])");
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& element = *array->get(i);
      const std::string path = "routers[" + std::to_string(i) + "]";
      if (!element.is_table()) top.fail(&element, path, "expected a table with `name`");
      TableReader router(*element.as_table(), path, source_name);
      RouterSpec entry;
      entry.name = router.string_or("name", "");
      if (entry.name.empty()) router.fail(&element, "name", "expected the router's name");
      entry.params = read_router_params(router.subtable("params"), path + ".params", source_name);
      router.reject_unknown();
      spec.routers.push_back(std::move(entry));
    }
  }
  top.reject_unknown();

  try {
    spec.validate();
  } catch (const ConfigError& error) {
    throw ScenarioError(source_name, 1, 1, error.field(), std::string(error.what()).substr(error.field().size() + 2));
  }
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
