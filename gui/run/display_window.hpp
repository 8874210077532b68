#pragma once
// How finely the app watches a run: the length of the windows its views plot. By default one
// window per batch (the scenario's batch interval), halved, thirded, ... until the run gives at
// least kMinDisplayWindows windows, so a line has enough points to watch and Step moves it by one
// window. The length only changes what the views see (Simulation::set_sink_window_ticks): the
// trajectory, its fingerprint and the summary stay those of the scenario's own metrics windows,
// which `routelab compare` reports.
#include "core/types.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab::gui {

inline constexpr double kMinDisplayWindows = 200;
// The run's length is estimated (scenarios/run_budget; a gamma-arrival run of the library ends a
// few percent off its estimate), so the default aims a quarter above the minimum. A shorter run
// gets windows of half (a third, ...) the interval: with fixed-interval batches every other window
// then has no arrivals (stripes in the load heatmap) while queues and utilization stay smooth.
inline constexpr double kTargetDisplayWindows = 1.25 * kMinDisplayWindows;

// `scenario` with its trace loaded (load_trace_data), as the run estimate needs its length.
Tick default_display_window_ticks(const ScenarioSpec& scenario);

// `requested` > 0: that length; 0: the default.
Tick display_window_ticks(const ScenarioSpec& scenario, Tick requested);

// How many of the app's windows of `window_ticks` the cluster views sum into one (ClusterHistory),
// as each expert-parallel step is one batch: k for a window of the batch interval over k (rounded
// down to a tick, as the default makes it), so each column holds one step; else the fewest windows
// that reach the interval. 1 when the window is a batch interval or longer.
std::int64_t cluster_window_span(const ScenarioSpec& scenario, Tick window_ticks);

}  // namespace routelab::gui
