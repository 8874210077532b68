#include "cli/phase/phase_budget.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "core/errors.hpp"

namespace routelab::cli {

namespace {

constexpr double kBytesPerRow = 56;      // S degrees, the row permutation, arcs, row state
constexpr double kBytesPerRouteSlot = 4;  // the int32 route table, rows x k
constexpr double kBytesPerColumn = 56;   // T degrees, the column permutation, loads, ring state

[[noreturn]] void refuse(const std::string& option, const std::string& why) {
  throw ConfigError(option, why + "; lower it, or pass --ignore-budget to run anyway");
}

}  // namespace

double estimate_phase_memory(const PhaseSizes& sizes) {
  const double rows = static_cast<double>(sizes.rows);
  const double k = static_cast<double>(std::min(sizes.k, std::max<std::int64_t>(sizes.cols, 1)));
  return rows * (kBytesPerRow + kBytesPerRouteSlot * k) + static_cast<double>(sizes.cols) * kBytesPerColumn;
}

double estimate_phase_work(const PhaseSizes& sizes, std::span<const std::int64_t> row_degrees) {
  const double sum_s = std::accumulate(row_degrees.begin(), row_degrees.end(), 0.0,
                                       [](double total, std::int64_t d) { return total + static_cast<double>(d); });
  const double k = static_cast<double>(std::min(sizes.k, std::max<std::int64_t>(sizes.cols, 1)));
  const double once = static_cast<double>(sizes.rows) * (k + 2) + static_cast<double>(sizes.cols) + sum_s / 64;
  return once * (1 + static_cast<double>(std::max<std::int64_t>(sizes.samples, 0)));
}

void check_phase_memory(const PhaseSizes& sizes, const RunBudget& budget) {
  const double bytes = estimate_phase_memory(sizes);
  if (bytes <= budget.memory_bytes) return;
  const double rows = static_cast<double>(sizes.rows);
  const double k = static_cast<double>(std::min(sizes.k, std::max<std::int64_t>(sizes.cols, 1)));
  // The option whose term is largest: the route table (k), the rows (--n) or the columns.
  std::string option = "--n";
  if (kBytesPerRouteSlot * k > kBytesPerRow && rows * kBytesPerRouteSlot * k > static_cast<double>(sizes.cols) * kBytesPerColumn) {
    option = "--k";
  } else if (static_cast<double>(sizes.cols) > rows) {
    option = "--experts";
  }
  refuse(option, "the phase operator (" + std::to_string(sizes.rows) +
                     " x " + std::to_string(sizes.cols) + ", k = " + std::to_string(sizes.k) +
                     ") would need about " + approximate_bytes(bytes) + " of memory, over this machine's budget of " +
                     approximate_bytes(budget.memory_bytes) + " (half its memory)");
}

void check_phase_work(const PhaseSizes& sizes, std::span<const std::int64_t> row_degrees, const RunBudget& budget) {
  const double work = estimate_phase_work(sizes, row_degrees);
  if (work <= budget.work_units) return;
  const bool samples_drive = sizes.samples > 0 && work / (1 + static_cast<double>(sizes.samples)) <= budget.work_units;
  const std::string option = samples_drive ? "--samples" : "--n";
  refuse(option, "routing the phase operator (" + std::to_string(sizes.rows) + " x " + std::to_string(sizes.cols) +
                     ", k = " + std::to_string(sizes.k) + ") would take about " + approximate(work) +
                     " units of work (routes written and operator words, times " +
                     std::to_string(1 + std::max<std::int64_t>(sizes.samples, 0)) + " for the samples), over the budget of " +
                     approximate(budget.work_units) + " (hours)");
}

}  // namespace routelab::cli
