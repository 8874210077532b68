#include "scenarios/sweeps/sweep_router_check.hpp"

#include <optional>
#include <vector>

namespace routelab::sweeps {

namespace {

// Throws the positioned sweep error when `scenario` rejects router r; `point` ("" for the base
// scenario) tells the user which point it was when the bound depends on the point.
void check_router(const SweepFile& sweep, std::size_t r, const ScenarioSpec& scenario, const RouterRegistry& registry,
                  const std::string& point) {
  const SweepRouter& router = sweep.routers[r];
  try {
    registry.validate(make_router_config(scenario, RouterSpec{router.name, router.params}, 0));
  } catch (const RouterParamError& error) {
    throw SweepError(sweep.source, router.position.line, router.position.column,
                     "routers[" + std::to_string(r) + "].params." + error.key(),
                     error.detail() + (point.empty() ? "" : " (at point " + point + ")"));
  }
}

}  // namespace

void check_planned_routers(const SweepFile& sweep, const SweepPlan& plan, const SweepScenarioBuilder& builder,
                           const RouterRegistry& registry) {
  // Which routers run at each point (constraints may drop some pairs).
  std::vector<std::vector<bool>> used(plan.points.size(), std::vector<bool>(sweep.routers.size(), false));
  std::vector<bool> runs_somewhere(sweep.routers.size(), false);
  for (const PlannedRun& run : plan.runs) used[run.point][run.router] = runs_somewhere[run.router] = true;
  // The base scenario first, so an error that no point causes is reported without one.
  const ScenarioSpec base = builder.scenario_for({});
  for (std::size_t r = 0; r < sweep.routers.size(); ++r)
    if (runs_somewhere[r]) check_router(sweep, r, base, registry, "");
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    std::optional<ScenarioSpec> scenario;
    try {
      scenario = builder.scenario_for(plan.points[p].parameters);
    } catch (const ConfigError&) {
      continue;  // an invalid point: its runs fail and are recorded, as documented
    }
    for (std::size_t r = 0; r < sweep.routers.size(); ++r)
      if (used[p][r]) check_router(sweep, r, *scenario, registry, plan.points[p].canonical);
  }
}

}  // namespace routelab::sweeps
