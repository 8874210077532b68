// `routelab routers [--params] [--format table|json]`: the registered routers, and with --params
// every parameter each one takes (name, type, default, range, meaning) from its schema.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands/commands.hpp"

namespace routelab::cli {

namespace {

struct RoutersOptions {
  bool params = false;
  std::string format = "table";
};

nlohmann::ordered_json parameter_json(const ParamSpec& spec) {
  nlohmann::ordered_json json;
  json["name"] = spec.name;
  json["type"] = to_string(spec.type);
  json["default"] = spec.default_value;
  json["range"] = describe_range(spec);
  if (spec.type == ParamType::choice) json["choices"] = spec.choices;
  json["meaning"] = spec.meaning;
  return json;
}

void print_json(const RouterRegistry& registry, bool with_params) {
  nlohmann::ordered_json routers = nlohmann::ordered_json::array();
  for (const auto& entry : registry.entries()) {
    nlohmann::ordered_json router;
    router["name"] = entry.name;
    router["description"] = entry.description;
    if (with_params) {
      router["parameters"] = nlohmann::ordered_json::array();
      for (const auto& spec : entry.parameters) router["parameters"].push_back(parameter_json(spec));
    }
    routers.push_back(std::move(router));
  }
  fmt::print("{}\n", nlohmann::ordered_json{{"routers", routers}}.dump(2));
}

void print_table(const RouterRegistry& registry, bool with_params) {
  for (const auto& entry : registry.entries()) {
    fmt::print("{:<16} {}\n", entry.name, entry.description);
    if (!with_params) continue;
    if (entry.parameters.empty()) fmt::print("    (no parameters)\n");
    for (const auto& spec : entry.parameters) {
      const std::string range = describe_range(spec);
      fmt::print("    {:<18} {:<8} default {}{}\n", spec.name, to_string(spec.type),
                 spec.default_value.empty() ? "-" : spec.default_value, range.empty() ? "" : ", range " + range);
      fmt::print("    {:<18} {}\n", "", spec.meaning);
    }
  }
}

}  // namespace

CommandAction add_routers_command(CLI::App& app, const RouterRegistry& registry) {
  auto* command = app.add_subcommand("routers", "list the registered routers with a one-line description");
  auto options = std::make_shared<RoutersOptions>();
  command->add_flag("--params", options->params, "also list each router's parameters (type, default, range, meaning)");
  command->add_option("--format", options->format, "output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  return [&registry, options] {
    if (options->format == "json") {
      print_json(registry, options->params);
    } else {
      print_table(registry, options->params);
    }
    return 0;
  };
}

}  // namespace routelab::cli
