#include "gui/run/display_window.hpp"

#include <algorithm>
#include <cmath>

#include "scenarios/run_budget.hpp"
#include "scenarios/traces/trace_loader.hpp"

namespace routelab::gui {

Tick default_display_window_ticks(const ScenarioSpec& scenario) {
  const Tick interval = std::max<Tick>(1, std::llround(scenario.workload.interval_ticks));
  // A trace replayed layer by layer runs its layers one after another on one time axis
  // (RunSequence); the estimate is one layer's.
  const auto layers = static_cast<double>(std::max<std::size_t>(1, layers_to_run(scenario).size()));
  const double windows_at_interval = layers * estimate_run(scenario).end_tick / static_cast<double>(interval);
  // Batches at a fixed whole-tick interval: the estimate is right to the window, and a window
  // shorter than the interval would leave every other window without arrivals (a striped load
  // heatmap), so the interval stays whenever it gives the minimum (the default scenario: 200 batches).
  const WorkloadSpec& workload = scenario.workload;
  const bool fixed_gaps = workload.arrival == ArrivalProcess::fixed && !workload.ramp.enabled && !workload.mix.enabled &&
                          workload.interval_ticks == static_cast<double>(interval);
  if (fixed_gaps && std::ceil(windows_at_interval) >= kMinDisplayWindows) return interval;
  if (windows_at_interval >= kTargetDisplayWindows) return interval;
  // A whole fraction of the interval, so fixed-interval batches keep landing at window starts.
  const double parts = std::ceil(kTargetDisplayWindows / std::max(windows_at_interval, 1.0));
  return std::max<Tick>(1, static_cast<Tick>(static_cast<double>(interval) / parts));
}

Tick display_window_ticks(const ScenarioSpec& scenario, Tick requested) {
  return requested > 0 ? requested : default_display_window_ticks(scenario);
}

std::int64_t cluster_window_span(const ScenarioSpec& scenario, Tick window_ticks) {
  const Tick interval = std::llround(scenario.workload.interval_ticks);
  if (interval <= 0 || window_ticks <= 0 || window_ticks >= interval) return 1;
  // The default's window, the interval over a whole number k rounded down to a tick: k windows,
  // a few ticks short of the interval. (The fewest windows that reach the interval, k + 1, would
  // every so often hold two steps: a column twice as bright.)
  const Tick parts = std::max<Tick>(1, std::llround(static_cast<double>(interval) / static_cast<double>(window_ticks)));
  if (interval / parts == window_ticks) return parts;
  return (interval + window_ticks - 1) / window_ticks;  // else the fewest windows that reach the interval
}

}  // namespace routelab::gui
