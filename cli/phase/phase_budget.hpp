#pragma once
// Memory and work of `routelab phase`, estimated from its sizes before anything is allocated
// (issue 16 item 8: `phase --n 100000000` ran into bad_alloc), and checked against the machine's
// budget of scenarios/run_budget.hpp; `--ignore-budget` skips the check.
//
// Measured (Release, 2 shared cores): square operators take about 123 bytes per row at k = 4
// and 4 more per row and unit of k (the int32 route table), so the estimate is
// rows x (56 + 4k) + cols x 56 bytes. Work is the routes written plus the bit-packed kernel's
// words (sum of s / 64), once per Monte-Carlo sample more.
#include <cstdint>
#include <span>

#include "scenarios/run_budget.hpp"

namespace routelab::cli {

struct PhaseSizes {
  std::int64_t rows = 0;
  std::int64_t cols = 0;
  std::int64_t k = 0;
  std::int64_t samples = 0;
};

double estimate_phase_memory(const PhaseSizes& sizes);
double estimate_phase_work(const PhaseSizes& sizes, std::span<const std::int64_t> row_degrees);

// Throw ConfigError naming the option that drives the estimate (--n, --experts, --k, --samples),
// the estimate and the budget, and pointing at --ignore-budget.
void check_phase_memory(const PhaseSizes& sizes, const RunBudget& budget = RunBudget::for_this_machine());
void check_phase_work(const PhaseSizes& sizes, std::span<const std::int64_t> row_degrees,
                      const RunBudget& budget = RunBudget::for_this_machine());

}  // namespace routelab::cli
