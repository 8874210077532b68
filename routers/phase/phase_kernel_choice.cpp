#include "routers/phase/phase_kernel_choice.hpp"

#include <algorithm>

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace routelab::phase {

namespace {

// Approximate cycles per step, from bench/phase_router_bench.cpp (forced kernels, same inputs):
constexpr double kArcPositionCycles = 0.5;  // J1: eight positions per vector step
constexpr double kLapCycles = 24.0;         // J2: one bucketed owner lookup, plus the sort
constexpr double kWordCycles = 4.0;         // bit-packed: one word of a row's arc
constexpr double kRowWords = 2.0;           // bit-packed: partial words at an arc's two ends
constexpr double kColumnCycles = 3.0;       // bit-packed: a thread's start, per column
constexpr double kRingCycles = 2.0;         // bit-packed: sweeping one T ring position
// bit-packed: its fixed cost (toggle lists, each thread's start, a second pass after a barrier).
// Calibrated on bench/RESULTS.md's forced-kernel rows: with it the choice is arcs up to 1024/256
// (where arcs measured 1.6-2.2x faster) and bitpacked from 2048/512 and for the MoE shapes.
constexpr double kBitpackedFixedCycles = 100000.0;

}  // namespace

PhaseKernelCosts estimate_kernel_costs(const PhaseOperator& op, std::int64_t k, int threads) {
  (void)k;  // both kernels write the same k slots per row
  PhaseKernelCosts costs;
  const double mean_laps = static_cast<double>(op.sum_t()) / op.rows() + 1.0;
  for (const Arc& arc : op.row_arcs())
    costs.arcs += std::min(kArcPositionCycles * arc.length, kLapCycles * mean_laps);
  costs.bitpacked = kWordCycles * (static_cast<double>(op.sum_s()) / 64.0 + kRowWords * op.rows()) +
                    kColumnCycles * op.cols() * std::max(1, threads) + kRingCycles * op.rows() + kBitpackedFixedCycles;
  return costs;
}

PhaseKernel resolve_kernel(const PhaseOperator& op, std::int64_t k, PhaseKernel requested) {
  if (requested != PhaseKernel::automatic) return requested;
  int threads = 1;
#if defined(_OPENMP)
  threads = omp_get_max_threads();
#endif
  const PhaseKernelCosts costs = estimate_kernel_costs(op, k, threads);
  return costs.bitpacked < costs.arcs ? PhaseKernel::bitpacked : PhaseKernel::arcs;
}

}  // namespace routelab::phase
