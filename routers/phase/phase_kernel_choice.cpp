#include "routers/phase/phase_kernel_choice.hpp"

#include <algorithm>

#include "routers/phase/phase_kernels.hpp"

namespace routelab::phase {

namespace {

// Cost of one lap step relative to one arc step (as in phase_arc_kernel.cpp).
constexpr double kLapStepCost = 2.0;
// Cost of one 64-bit word of the bit-packed row pass (three table loads, XOR, AND, popcount)
// and of one word of the prefix table, relative to one arc step; from bench/phase_router_bench.cpp.
constexpr double kRowWordCost = 1.0;
constexpr double kTableWordCost = 0.5;

}  // namespace

PhaseKernelCosts estimate_kernel_costs(const PhaseOperator& op, std::int64_t k) {
  PhaseKernelCosts costs;
  const double mean_laps = static_cast<double>(op.sum_t()) / op.rows();
  for (const Arc& arc : op.row_arcs()) costs.arcs += std::min<double>(arc.length, kLapStepCost * (mean_laps + 1.0));
  const double words = static_cast<double>((op.cols() + 63) / 64);
  costs.bitpacked = kRowWordCost * words * op.rows() + kTableWordCost * words * (op.cols() + 1.0);
  costs.bitpacked_bytes = bitpacked_table_bytes(op.cols());
  costs.bitpacked_allowed = costs.bitpacked_bytes <= static_cast<std::int64_t>(op.rows()) * k * 4;
  return costs;
}

PhaseKernel resolve_kernel(const PhaseOperator& op, std::int64_t k, PhaseKernel requested) {
  if (requested != PhaseKernel::automatic) return requested;
  const PhaseKernelCosts costs = estimate_kernel_costs(op, k);
  return costs.bitpacked_allowed && costs.bitpacked < costs.arcs ? PhaseKernel::bitpacked : PhaseKernel::arcs;
}

}  // namespace routelab::phase
