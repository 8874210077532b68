#include "cli/sweep/report_writer.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/errors.hpp"

namespace routelab::cli {

namespace {

using results::Cell;
using results::MetricStatistics;

// Significant digits in the Markdown tables: enough to tell routers apart, short enough to read.
constexpr int kMarkdownDigits = 4;

std::string cell_text(const Cell& cell) {
  if (std::holds_alternative<std::monostate>(cell)) return "";
  if (const auto* i = std::get_if<std::int64_t>(&cell)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&cell)) return fmt::format("{}", *d);
  return std::get<std::string>(cell);
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string csv_number(double value) { return std::isnan(value) ? "" : fmt::format("{:.10g}", value); }

std::string markdown_escape(const std::string& text) {
  std::string escaped;
  for (const char c : text) escaped += c == '|' ? std::string("\\|") : std::string(1, c);
  return escaped;
}

// Whole numbers (token counts, ticks) in full, large ones to 0.1, the rest to kMarkdownDigits digits.
std::string number_text(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) return fmt::format("{:.0f}", value);
  if (std::fabs(value) >= 1000) return fmt::format("{:.1f}", value);
  return fmt::format("{:.{}g}", value, kMarkdownDigits);
}

std::string mean_ci(const MetricStatistics& s) {
  if (s.n == 0) return "–";
  if (std::isnan(s.ci95)) return number_text(s.mean);
  return fmt::format("{} ± {:.2g}", number_text(s.mean), s.ci95);
}

std::string ranked_list(const results::PointStatistics& point, RankingChoice ranking) {
  std::string text;
  std::size_t place = 0;
  for (const std::size_t r : results::rank_routers(point, ranking.metric, ranking.higher_is_better)) {
    const auto& group = point.routers[r];
    text += (text.empty() ? "" : "; ") + fmt::format("{}. {} ({})", ++place, markdown_escape(group.router),
                                                       mean_ci(group.metrics[ranking.metric]));
  }
  return text;
}

}  // namespace

RankingChoice parse_ranking(const results::ReportData& data, const std::string& text) {
  RankingChoice choice;
  std::string name = text;
  if (const auto colon = text.rfind(':'); colon != std::string::npos) {
    const std::string direction = text.substr(colon + 1);
    if (direction != "asc" && direction != "desc")
      throw ConfigError("--rank-by", "expected METRIC, METRIC:asc or METRIC:desc, got '" + text + "'");
    choice.higher_is_better = direction == "desc";
    name = text.substr(0, colon);
  }
  for (std::size_t m = 0; m < data.metric_names.size(); ++m)
    if (data.metric_names[m] == name) {
      choice.metric = m;
      return choice;
    }
  throw UnknownNameError("metric", name, data.metric_names);
}

std::string report_markdown(const results::ReportData& data, const results::StoreIdentity& identity,
                            const std::string& database, RankingChoice ranking) {
  const std::string& metric = data.metric_names.at(ranking.metric);
  std::size_t failed = 0;
  for (const auto& point : data.points)
    for (const auto& group : point.routers) failed += group.failed;
  std::string out = fmt::format("# Sweep report: {}\n\n", identity.sweep_name);
  out += fmt::format("- database: `{}`, plan `{}`, routelab {}\n", database, identity.plan_fingerprint,
                     identity.program_version);
  out += fmt::format("- base scenario: `{}`\n", identity.base_scenario);
  out += fmt::format("- runs stored: {} of {} planned ({} failed)\n", data.stored_runs, data.planned_runs, failed);
  out += fmt::format("- values are means over replications; ± is the half-width of the 95% confidence interval "
                     "(Student's t); routers ranked by `{}` ({} is better)\n\n",
                     metric, ranking.higher_is_better ? "higher" : "lower");

  out += "## Ranking per point\n\n| # |";
  for (const auto& name : data.parameter_names) out += fmt::format(" {} |", markdown_escape(name));
  out += " ranking |\n|---|";
  for (std::size_t i = 0; i < data.parameter_names.size(); ++i) out += "---|";
  out += "---|\n";
  for (std::size_t p = 0; p < data.points.size(); ++p) {
    const auto& point = data.points[p];
    out += fmt::format("| {} |", p + 1);
    for (const auto& value : point.parameter_values) out += fmt::format(" {} |", markdown_escape(cell_text(value)));
    out += fmt::format(" {} |\n", ranked_list(point, ranking));
  }

  for (std::size_t p = 0; p < data.points.size(); ++p) {
    const auto& point = data.points[p];
    out += fmt::format("\n## Point {}: {}\n\n| metric |", p + 1, point.parameters.empty() ? "(base scenario)" : point.parameters);
    for (const auto& group : point.routers) out += fmt::format(" {} |", markdown_escape(group.router));
    out += "\n|---|";
    for (std::size_t r = 0; r < point.routers.size(); ++r) out += "---:|";
    out += "\n| runs ok / failed |";
    for (const auto& group : point.routers) out += fmt::format(" {} / {} |", group.ok, group.failed);
    out += "\n";
    for (std::size_t m = 0; m < data.metric_names.size(); ++m) {
      out += fmt::format("| {} |", data.metric_names[m]);
      for (const auto& group : point.routers) out += fmt::format(" {} |", mean_ci(group.metrics[m]));
      out += "\n";
    }
    for (const auto& group : point.routers)
      if (!group.first_error.empty())
        out += fmt::format("\n{} failed: `{}`\n", markdown_escape(group.router), group.first_error);
  }
  return out;
}

std::string summary_csv(const results::ReportData& data) {
  std::string out = "point_id";
  for (const auto& name : data.parameter_names) out += fmt::format(",{}", csv_field(name));
  out += ",router,runs_ok,runs_failed";
  for (const auto& name : data.metric_names) out += fmt::format(",{0}_mean,{0}_ci95,{0}_stddev", name);
  out += "\n";
  for (const auto& point : data.points)
    for (const auto& group : point.routers) {
      out += point.point_id;
      for (const auto& value : point.parameter_values) out += fmt::format(",{}", csv_field(cell_text(value)));
      out += fmt::format(",{},{},{}", csv_field(group.router), group.ok, group.failed);
      for (const auto& s : group.metrics)
        out += fmt::format(",{},{},{}", csv_number(s.n ? s.mean : NAN), csv_number(s.ci95), csv_number(s.stddev));
      out += "\n";
    }
  return out;
}

std::string ranking_csv(const results::ReportData& data, RankingChoice ranking) {
  const std::string& metric = data.metric_names.at(ranking.metric);
  std::string out = "point_id";
  for (const auto& name : data.parameter_names) out += fmt::format(",{}", csv_field(name));
  out += ",rank,router,metric," + std::string("mean,ci95\n");
  for (const auto& point : data.points) {
    std::size_t place = 0;
    for (const std::size_t r : results::rank_routers(point, ranking.metric, ranking.higher_is_better)) {
      const auto& group = point.routers[r];
      const auto& s = group.metrics[ranking.metric];
      out += point.point_id;
      for (const auto& value : point.parameter_values) out += fmt::format(",{}", csv_field(cell_text(value)));
      out += fmt::format(",{},{},{},{},{}\n", ++place, csv_field(group.router), metric, csv_number(s.n ? s.mean : NAN),
                         csv_number(s.ci95));
    }
  }
  return out;
}

}  // namespace routelab::cli
