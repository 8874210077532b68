#pragma once
// The order in which a sweep's workers take its runs: longest first, by the plan's own estimate
// of each run's work (tokens x k and windows, scenarios/run_budget.hpp), so that no long run
// starts last and leaves the other cores idle in a half-empty final round (runs whose scenario
// cannot be built come first: they fail at once). Ties keep plan order,
// so the schedule is deterministic; the results do not depend on it (each run is independent and
// the store is keyed by run id).
#include <cstddef>
#include <vector>

#include "cli/sweep/run_records.hpp"

namespace routelab::cli {

// `runs` are indices into context.plan.runs; returns them reordered.
std::vector<std::size_t> longest_runs_first(const RunContext& context, const std::vector<std::size_t>& runs);

}  // namespace routelab::cli
