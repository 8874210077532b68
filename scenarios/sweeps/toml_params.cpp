#include "scenarios/sweeps/toml_params.hpp"

#include <sstream>
#include <vector>

namespace routelab::sweeps {

namespace {

std::vector<std::string> split_key(std::string_view dotted_key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = dotted_key.find('.', start);
    parts.emplace_back(dotted_key.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  for (const auto& part : parts)
    if (part.empty()) throw ConfigError(std::string(dotted_key), "empty part in the dotted key");
  return parts;
}

std::string canonical_composite(const toml::node& node) {
  if (const toml::array* array = node.as_array()) {
    std::string text = "[";
    for (std::size_t i = 0; i < array->size(); ++i) {
      if (i) text += ", ";
      text += to_param_value(*array->get(i)).canonical;
    }
    return text + "]";
  }
  const toml::table& table = *node.as_table();  // toml++ keeps keys sorted: canonical order for free
  std::string text = "{";
  bool first = true;
  for (const auto& [key, value] : table) {
    text += first ? " " : ", ";
    first = false;
    text += canonical_string(key.str()) + " = " + to_param_value(value).canonical;
  }
  return text + (first ? "}" : " }");
}

}  // namespace

ParamValue to_param_value(const toml::node& node) {
  if (node.is_boolean()) return make_bool(node.as_boolean()->get());
  if (node.is_integer()) return make_integer(node.as_integer()->get());
  if (node.is_floating_point()) return make_floating(node.as_floating_point()->get());
  if (node.is_string()) return make_string(node.as_string()->get());
  if (node.is_array() || node.is_table()) {
    ParamValue value;
    value.kind = ValueKind::composite;
    value.canonical = canonical_composite(node);
    return value;
  }
  throw ConfigError("", "expected a number, string, boolean, array or table (dates and times are not scenario values)");
}

void set_dotted(toml::table& document, std::string_view dotted_key, const ParamValue& value) {
  const std::vector<std::string> parts = split_key(dotted_key);
  toml::table* table = &document;
  std::string prefix;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    prefix += (prefix.empty() ? "" : ".") + parts[i];
    toml::node* child = table->get(parts[i]);
    if (!child) {
      table->insert(parts[i], toml::table{});
      child = table->get(parts[i]);
    }
    if (!child->is_table())
      throw ConfigError(std::string(dotted_key), "cannot set it: '" + prefix + "' is not a table in the scenario");
    table = child->as_table();
  }
  // The canonical text is a TOML inline value by construction, so parsing it back is exact.
  toml::table holder = toml::parse("v = " + value.canonical, std::string_view("sweep value"));
  holder.get("v")->visit([&](auto& node) { table->insert_or_assign(parts.back(), std::move(node)); });
}

bool has_dotted(const toml::table& document, std::string_view dotted_key) {
  const toml::node* node = &document;
  for (const auto& part : split_key(dotted_key)) {
    const toml::table* table = node->as_table();
    if (!table || !(node = table->get(part))) return false;
  }
  return true;
}

std::string to_toml_text(const toml::table& document) {
  std::ostringstream text;
  text << document;
  return text.str();
}

}  // namespace routelab::sweeps
