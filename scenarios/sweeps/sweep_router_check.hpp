#pragma once
// Plan-time check of a sweep's routers: every planned run's router parameters against the
// router's schema, in the scenario of the run's point (some bounds depend on it, e.g. "at most
// the number of experts"). A sweep that would fail runs for a bad router parameter is refused
// before any run starts, at the router's place in the sweep file.
#include "routers/router_registry.hpp"
#include "scenarios/sweeps/sweep_file.hpp"
#include "scenarios/sweeps/sweep_plan.hpp"
#include "scenarios/sweeps/sweep_scenario.hpp"

namespace routelab::sweeps {

// Throws SweepError "sweep.toml:line:column: routers[i].params.KEY: what" for the first planned
// run whose router parameters the schema rejects. Points whose scenario is itself invalid are left
// to fail as runs (docs/sweeps.md: they are recorded with their error).
void check_planned_routers(const SweepFile& sweep, const SweepPlan& plan, const SweepScenarioBuilder& builder,
                           const RouterRegistry& registry);

}  // namespace routelab::sweeps
