#pragma once
// Reading one TOML table of a scenario file with typed getters. Every getter remembers its key,
// so reject_unknown() can report the keys nobody asked for, with a "did you mean". Errors carry
// the file, line, column, dotted key and what was expected (ScenarioError).
#include <cstdint>
#include <string>
#include <toml++/toml.h>
#include <vector>

#include "scenarios/scenario_loader.hpp"

namespace routelab {

class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, const std::string& source)
      : table_(table), path_(std::move(path)), source_(source) {}

  [[noreturn]] void fail(const toml::node* node, const std::string& key, const std::string& what) const;
  std::string qualified(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  const std::string& source() const { return source_; }
  const toml::table& table() const { return table_; }

  const toml::node* get(const std::string& key);
  std::string string_or(const std::string& key, std::string fallback);
  bool boolean_or(const std::string& key, bool fallback);
  std::int64_t integer_or(const std::string& key, std::int64_t fallback, std::int64_t min, std::int64_t max);
  double number_or(const std::string& key, double fallback, double min, double max);
  std::vector<double> numbers(const std::string& key);
  std::vector<std::uint64_t> unsigned_integers(const std::string& key);
  const toml::table* subtable(const std::string& key);

  // Every key that was not asked for is an error, with the closest known key suggested.
  void reject_unknown() const;

 private:
  const toml::table& table_;
  std::string path_;
  const std::string& source_;
  std::vector<std::string> known_;
};

// A string key whose value must be one of a fixed set; `parse` throws ConfigError for others.
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

// The error for a choice outside `valid` (a comma-separated list), as parse functions throw it.
[[noreturn]] void throw_bad_choice(const std::string& field, const std::string& valid, const std::string& got);

}  // namespace routelab
