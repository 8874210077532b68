#include "scenarios/toml_table_reader.hpp"

#include <algorithm>
#include <sstream>

namespace routelab {

void TableReader::fail(const toml::node* node, const std::string& key, const std::string& what) const {
  const auto& where = node ? node->source().begin : table_.source().begin;
  throw ScenarioError(source_, static_cast<int>(where.line), static_cast<int>(where.column), qualified(key), what);
}

const toml::node* TableReader::get(const std::string& key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.push_back(key);
  return table_.get(key);
}

std::string TableReader::string_or(const std::string& key, std::string fallback) {
  const toml::node* node = get(key);
  if (!node) return fallback;
  if (!node->is_string()) fail(node, key, "expected a string");
  return node->as_string()->get();
}

bool TableReader::boolean_or(const std::string& key, bool fallback) {
  const toml::node* node = get(key);
  if (!node) return fallback;
  if (!node->is_boolean()) fail(node, key, "expected true or false");
  return node->as_boolean()->get();
}

std::int64_t TableReader::integer_or(const std::string& key, std::int64_t fallback, std::int64_t min,
                                     std::int64_t max) {
  const toml::node* node = get(key);
  if (!node) return fallback;
  if (!node->is_integer()) fail(node, key, "expected an integer");
  const std::int64_t value = node->as_integer()->get();
  if (value < min || value > max)
    fail(node, key, "expected an integer in " + std::to_string(min) + ".." + std::to_string(max) + ", got " +
                        std::to_string(value));
  return value;
}

double TableReader::number_or(const std::string& key, double fallback, double min, double max) {
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

std::vector<double> TableReader::numbers(const std::string& key) {
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

std::vector<std::uint64_t> TableReader::unsigned_integers(const std::string& key) {
  const toml::node* node = get(key);
  std::vector<std::uint64_t> result;
  if (!node) return result;
  const toml::array* array = node->as_array();
  if (!array) fail(node, key, "expected an array of integers >= 0");
  for (const auto& element : *array) {
    if (!element.is_integer() || element.as_integer()->get() < 0) fail(&element, key, "expected an array of integers >= 0");
    result.push_back(static_cast<std::uint64_t>(element.as_integer()->get()));
  }
  return result;
}

const toml::table* TableReader::subtable(const std::string& key) {
  const toml::node* node = get(key);
  if (!node) return nullptr;
  if (!node->is_table()) fail(node, key, "expected a table ([" + qualified(key) + "])");
  return node->as_table();
}

void TableReader::reject_unknown() const {
  for (const auto& [key, node] : table_) {
    const std::string name(key.str());
    if (std::find(known_.begin(), known_.end(), name) != known_.end()) continue;
    std::string hint = closest_match(name, known_);
    std::string what = "unknown key";
    if (!hint.empty()) what += "; did you mean '" + hint + "'?";
    std::string list;
    for (const auto& k : known_) list += (list.empty() ? "" : ", ") + k;
    what += " (valid here: " + list + ")";
    const auto& where = key.source().begin;  // the key itself, not its value
    throw ScenarioError(source_, static_cast<int>(where.line), static_cast<int>(where.column), qualified(name), what);
  }
}

void throw_bad_choice(const std::string& field, const std::string& valid, const std::string& got) {
  throw ConfigError(field, "expected one of " + valid + "; got '" + got + "'");
}

}  // namespace routelab
