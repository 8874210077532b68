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
  if (windows_at_interval >= kTargetDisplayWindows) return interval;
  // A whole fraction of the interval, so fixed-interval batches keep landing at window starts.
  const double parts = std::ceil(kTargetDisplayWindows / std::max(windows_at_interval, 1.0));
  return std::max<Tick>(1, static_cast<Tick>(static_cast<double>(interval) / parts));
}

Tick display_window_ticks(const ScenarioSpec& scenario, Tick requested) {
  return requested > 0 ? requested : default_display_window_ticks(scenario);
}

namespace {
constexpr double kClusterSpanSlackWindows = 0.01;
}  // namespace

std::int64_t cluster_window_span(const ScenarioSpec& scenario, Tick window_ticks) {
  const double interval = scenario.workload.interval_ticks;
  if (!(interval > 0) || window_ticks <= 0) return 1;
  // Within a hundredth of a window: the default window is the interval over a whole number rounded
  // down to a tick, and that many windows (a tick or two short of the interval) is the span meant.
  const double windows = interval / static_cast<double>(window_ticks);
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(windows - kClusterSpanSlackWindows)));
}

}  // namespace routelab::gui
