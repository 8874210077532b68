#include "gui/sweeps/sweep_runs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/errors.hpp"

namespace routelab::gui {

namespace {

// Every row of a table: the sweep databases the app charts have at most a few hundred thousand runs.
constexpr std::int64_t kAllRows = std::numeric_limits<std::int64_t>::max();

std::size_t column_index(const TablePage& page, const std::string& name, const SqliteCatalog& catalog,
                         const std::string& table) {
  for (std::size_t c = 0; c < page.columns.size(); ++c)
    if (page.columns[c] == name) return c;
  throw IoError("'" + catalog.path() + "': table " + table + " has no column '" + name + "'");
}

std::string text_of(const CellValue& cell) {
  const auto* text = std::get_if<std::string>(&cell);
  return text ? *text : cell_text(cell);
}

double number_of(const CellValue& cell) {
  if (const auto* i = std::get_if<std::int64_t>(&cell)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&cell)) return *d;
  return std::nan("");
}

}  // namespace

bool is_sweep_database(const SqliteCatalog& catalog) {
  return catalog.find_table("runs") != nullptr && catalog.find_table("columns") != nullptr;
}

SweepRuns load_sweep_runs(const SqliteCatalog& catalog) {
  SweepRuns out;
  const TablePage columns = catalog.read("columns", kAllRows);
  const std::size_t name_at = column_index(columns, "name", catalog, "columns");
  const std::size_t role_at = column_index(columns, "role", catalog, "columns");
  const std::size_t type_at = column_index(columns, "type", catalog, "columns");
  for (const auto& row : columns.rows) {
    const std::string role = text_of(row[role_at]);
    const std::string type = text_of(row[type_at]);
    if (role == "parameter") out.parameter_keys.push_back(text_of(row[name_at]));
    if (role == "metric" && (type == "INTEGER" || type == "REAL")) out.metric_names.push_back(text_of(row[name_at]));
  }
  const TablePage runs = catalog.read("runs", kAllRows);
  const std::size_t id_at = column_index(runs, "run_id", catalog, "runs");
  const std::size_t router_at = column_index(runs, "router", catalog, "runs");
  const std::size_t replication_at = column_index(runs, "replication", catalog, "runs");
  const std::size_t status_at = column_index(runs, "status", catalog, "runs");
  std::vector<std::size_t> parameter_at, metric_at;
  for (const auto& key : out.parameter_keys) parameter_at.push_back(column_index(runs, key, catalog, "runs"));
  for (const auto& name : out.metric_names) metric_at.push_back(column_index(runs, name, catalog, "runs"));
  for (const auto& row : runs.rows) {
    SweepRun run;
    run.run_id = text_of(row[id_at]);
    run.router = text_of(row[router_at]);
    run.replication = static_cast<std::uint64_t>(std::max(0.0, number_of(row[replication_at])));
    run.ok = text_of(row[status_at]) == "ok";
    for (const std::size_t c : parameter_at) run.parameters.push_back(row[c]);
    for (const std::size_t c : metric_at) run.metrics.push_back(number_of(row[c]));
    out.runs.push_back(std::move(run));
  }
  return out;
}

}  // namespace routelab::gui
