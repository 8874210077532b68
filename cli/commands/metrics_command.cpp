// `routelab metrics [--format table|json|markdown]`: the metric table (engine/summary_metrics.hpp)
// as a user reads it -- every figure a run reports, with its unit, meaning and better direction.
// `--format markdown` prints the table docs/cli-json.md holds between its `metrics` markers; a test
// keeps the two equal, so the documentation cannot drift from the code.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands/commands.hpp"
#include "engine/summary_metrics.hpp"

namespace routelab::cli {

namespace {

std::string better_text(const SummaryMetric& metric) {
  return metric.better == BetterDirection::none ? "" : std::string(to_string(metric.better));
}

// True when the meaning need not be marked: deterministic, or its text already says it is not.
bool marked_nondeterministic(const SummaryMetric& metric) {
  return metric.deterministic || metric.meaning.find("not deterministic") != std::string_view::npos;
}

void print_json() {
  nlohmann::ordered_json metrics = nlohmann::ordered_json::array();
  for (const SummaryMetric& metric : summary_metrics()) {
    nlohmann::ordered_json entry;
    entry["name"] = metric.name;
    entry["type"] = metric.type;
    entry["unit"] = metric.unit;
    entry["better"] = to_string(metric.better);
    entry["deterministic"] = metric.deterministic;
    entry["meaning"] = metric.meaning;
    if (!metric.heading.empty()) entry["table_heading"] = metric.heading;
    metrics.push_back(std::move(entry));
  }
  fmt::print("{}\n", nlohmann::ordered_json{{"metrics", metrics}}.dump(2));
}

void print_markdown() {
  fmt::print("| field | type | unit | better | meaning |\n|---|---|---|---|---|\n");
  for (const SummaryMetric& metric : summary_metrics()) {
    fmt::print("| `{}` | {} | {} | {} | {}{} |\n", metric.name, metric.type, metric.unit, better_text(metric),
               metric.meaning, marked_nondeterministic(metric) ? "" : " (**not deterministic**)");
  }
}

void print_table() {
  fmt::print("{:<28} {:<8} {:<22} {:<7} {}\n", "metric", "type", "unit", "better", "meaning");
  for (const SummaryMetric& metric : summary_metrics()) {
    fmt::print("{:<28} {:<8} {:<22} {:<7} {}{}\n", metric.name, metric.type == "array of integers" ? "array" : metric.type,
               metric.unit, better_text(metric), metric.meaning, marked_nondeterministic(metric) ? "" : " (not deterministic)");
  }
}

}  // namespace

CommandAction add_metrics_command(CLI::App& app) {
  auto* command = app.add_subcommand("metrics", "list every metric a run reports: unit, meaning, better direction");
  auto format = std::make_shared<std::string>("table");
  command->add_option("--format", *format, "output format")
      ->check(CLI::IsMember({"table", "json", "markdown"}))
      ->capture_default_str();
  return [format] {
    if (*format == "json") {
      print_json();
    } else if (*format == "markdown") {
      print_markdown();
    } else {
      print_table();
    }
    return 0;
  };
}

}  // namespace routelab::cli
