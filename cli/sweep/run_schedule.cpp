#include "cli/sweep/run_schedule.hpp"

#include <algorithm>
#include <exception>
#include <limits>
#include <map>

#include "scenarios/run_budget.hpp"

namespace routelab::cli {

std::vector<std::size_t> longest_runs_first(const RunContext& context, const std::vector<std::size_t>& runs) {
  // Every run of one point has the same scenario: estimate each point once.
  std::map<std::size_t, double> work_by_point;
  std::vector<std::pair<double, std::size_t>> keyed;
  keyed.reserve(runs.size());
  for (const std::size_t r : runs) {
    const std::size_t point = context.plan.runs[r].point;
    auto found = work_by_point.find(point);
    if (found == work_by_point.end()) {
      // A point that cannot be built fails at once when it runs: first, so that --stop-on-error
      // stops before any long run has started.
      double work = std::numeric_limits<double>::infinity();
      try {
        work = estimate_run(context.builder.scenario_for(context.plan.points[point].parameters)).work_units;
      } catch (const std::exception&) {
      }
      found = work_by_point.emplace(point, work).first;
    }
    keyed.emplace_back(found->second, r);
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::size_t> ordered;
  ordered.reserve(keyed.size());
  for (const auto& [work, r] : keyed) ordered.push_back(r);
  return ordered;
}

}  // namespace routelab::cli
