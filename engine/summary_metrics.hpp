#pragma once
// The table of a run's metrics: each figure of a Summary declared once -- its name (the JSON key
// and the sweep column), type, unit, meaning, which direction is better, whether it is
// deterministic, and its column in the terminal table. The JSON report, the terminal table, the
// comparison over replications, the sweep database's columns and docs/cli-json.md are all made
// from this table (`routelab metrics` prints it), so a metric added here appears everywhere.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/metrics.hpp"

namespace routelab {

enum class BetterDirection { lower, higher, none };
std::string_view to_string(BetterDirection better);

using MetricValue = std::variant<std::int64_t, double, std::string, std::vector<std::int64_t>>;

struct SummaryMetric {
  std::string_view name;     // JSON key, sweep column
  std::string_view type;     // "integer", "number", "string" or "array of integers" (JSON types)
  std::string_view unit;     // e.g. "ticks", "tokens per tick", "fraction"; empty for identifiers
  std::string_view meaning;  // one sentence, as docs/cli-json.md shows it
  BetterDirection better = BetterDirection::none;
  bool deterministic = true;  // false: wall clock, left out of every determinism comparison
  // Terminal table column: heading (empty: not in the table), width, digits after the point, and
  // a display scale (100 shows a fraction as a percentage).
  std::string_view heading = {};
  int width = 0;
  int precision = 0;
  double scale = 1;
  MetricValue (*read)(const Summary&) = nullptr;
  // Whether a summary has this metric at all (nullptr: every summary has it). The cluster figures
  // exist only for scenarios with a [cluster]; reports leave an absent metric out.
  bool (*present)(const Summary&) = nullptr;

  // The value as a number (integers widened), for statistics over replications; 0 for the others.
  double number(const Summary& summary) const;
  bool numeric() const { return type == "integer" || type == "number"; }
  bool has(const Summary& summary) const { return present == nullptr || present(summary); }
};

// Every metric, in report order.
std::span<const SummaryMetric> summary_metrics();
// The metric called `name`; nullptr when there is none.
const SummaryMetric* find_summary_metric(std::string_view name);

}  // namespace routelab
