#include "gui/sweeps/sweep_series.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "gui/sweeps/number_text.hpp"

namespace routelab::gui {

namespace {

std::string value_text(const CellValue& cell) {
  if (const auto* d = std::get_if<double>(&cell)) return readable_number(*d);
  return cell_text(cell);
}

bool is_number(const CellValue& cell) {
  return std::holds_alternative<std::int64_t>(cell) || std::holds_alternative<double>(cell);
}

double number_of(const CellValue& cell) {
  if (const auto* i = std::get_if<std::int64_t>(&cell)) return static_cast<double>(*i);
  return std::get<double>(cell);
}

// The parameters other than `x` that vary independently of it: those with more than one value
// for some value of x.
std::vector<std::size_t> free_parameters(const SweepRuns& runs, std::size_t x) {
  std::vector<std::size_t> free;
  for (std::size_t p = 0; p < runs.parameter_keys.size(); ++p) {
    if (p == x) continue;
    std::map<std::string, std::set<std::string>> values_by_x;
    for (const SweepRun& run : runs.runs) values_by_x[cell_text(run.parameters[x])].insert(cell_text(run.parameters[p]));
    if (std::any_of(values_by_x.begin(), values_by_x.end(), [](const auto& entry) { return entry.second.size() > 1; }))
      free.push_back(p);
  }
  return free;
}

bool in_slice(const SweepRun& run, const SweepSlice& slice) {
  return std::all_of(slice.fixed.begin(), slice.fixed.end(),
                     [&](const auto& fixed) { return cell_text(run.parameters[fixed.first]) == fixed.second; });
}

}  // namespace

std::vector<SweepSlice> sweep_slices(const SweepRuns& runs, std::size_t x) {
  const std::vector<std::size_t> free = free_parameters(runs, x);
  std::map<std::string, SweepSlice> slices;  // by label: sorted, each once
  for (const SweepRun& run : runs.runs) {
    SweepSlice slice;
    for (const std::size_t p : free) {
      slice.fixed.emplace_back(p, cell_text(run.parameters[p]));
      slice.label += (slice.label.empty() ? "" : ", ") + runs.parameter_keys[p] + " = " + value_text(run.parameters[p]);
    }
    if (slice.label.empty()) slice.label = "every point";
    slices.emplace(slice.label, slice);
  }
  std::vector<SweepSlice> out;
  for (auto& [label, slice] : slices) out.push_back(std::move(slice));
  return out;
}

SweepChartData sweep_chart_data(const SweepRuns& runs, std::size_t x, std::size_t metric, const SweepSlice& slice) {
  SweepChartData data;
  data.x_key = runs.parameter_keys.at(x);
  data.metric = runs.metric_names.at(metric);
  std::vector<std::size_t> chosen;
  for (std::size_t r = 0; r < runs.runs.size(); ++r)
    if (in_slice(runs.runs[r], slice)) chosen.push_back(r);
  data.categorical = !std::all_of(chosen.begin(), chosen.end(), [&](std::size_t r) { return is_number(runs.runs[r].parameters[x]); });
  if (data.categorical) {
    std::set<std::string> categories;
    for (const std::size_t r : chosen) categories.insert(cell_text(runs.runs[r].parameters[x]));
    data.categories.assign(categories.begin(), categories.end());
  }
  std::vector<std::string> routers;  // plan order: the order of first appearance
  std::map<std::string, std::map<double, SweepSeriesPoint>> points;
  for (const std::size_t r : chosen) {
    const SweepRun& run = runs.runs[r];
    const double value = run.metrics.at(metric);
    if (!run.ok || !std::isfinite(value)) {
      ++data.left_out;
      continue;
    }
    if (std::find(routers.begin(), routers.end(), run.router) == routers.end()) routers.push_back(run.router);
    const CellValue& cell = run.parameters[x];
    const double at = data.categorical
                          ? static_cast<double>(std::find(data.categories.begin(), data.categories.end(), cell_text(cell)) -
                                                data.categories.begin())
                          : number_of(cell);
    SweepSeriesPoint& point = points[run.router][at];
    point.x = at;
    point.x_label = value_text(cell);
    point.runs.push_back(r);
  }
  for (const std::string& router : routers) {
    SweepSeries series{router, {}};
    for (auto& [at, point] : points[router]) {
      std::sort(point.runs.begin(), point.runs.end(),  // listed by replication, whatever the table's order
                [&](std::size_t l, std::size_t r) { return runs.runs[l].replication < runs.runs[r].replication; });
      std::vector<double> values;
      for (const std::size_t r : point.runs) values.push_back(runs.runs[r].metrics[metric]);
      point.y = results::mean_interval(values);
      series.points.push_back(std::move(point));
    }
    data.series.push_back(std::move(series));
  }
  return data;
}

}  // namespace routelab::gui
