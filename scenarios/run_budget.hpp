#pragma once
// Work and memory a run will take, estimated from its scenario before anything is allocated or
// simulated, and checked against limits derived from the machine (issue 16: a vocabulary of 2^40
// ran into bad_alloc, a two-row trace with ticks 0 and 9e18 or `interval_ticks = 1e15` spun for
// years, because the kernel's cost grows with the last tick / window_ticks, not with the tokens).
//
// The estimates are deliberately coarse (within a small factor); the limits sit orders of
// magnitude above every shipped scenario, so only runaway inputs are refused. A refusal is a
// ConfigError naming the scenario key that drives the estimate, the estimate and the limit; the
// CLI's `--ignore-budget` skips the check.
#include <cstdint>
#include <string>

#include "scenarios/scenario_spec.hpp"

namespace routelab {

struct RunBudget {
  double memory_bytes = 0;  // one run's peak, times the runs in flight at once
  double work_units = 0;    // kernel events plus window closings x experts
  // Half the machine's physical memory; work of about an hour at the kernel's ~10^7 events/s.
  static RunBudget for_this_machine();
};

struct RunEstimate {
  double tokens = 0;
  double end_tick = 0;      // when the last token would be served
  double windows = 0;
  double work_units = 0;
  double memory_bytes = 0;  // one run
};

// For a trace scenario, after load_trace_data (it reads the trace's length and last tick).
RunEstimate estimate_run(const ScenarioSpec& spec);

// Throws ConfigError (naming the key and the estimate) when `spec` exceeds `budget` with
// `parallel_runs` runs in flight at once.
void check_run_budget(const ScenarioSpec& spec, const RunBudget& budget = RunBudget::for_this_machine(),
                      int parallel_runs = 1);

// For messages: 4.2e+12 ticks, 3.1 GiB.
std::string approximate(double value);
std::string approximate_bytes(double bytes);

}  // namespace routelab
