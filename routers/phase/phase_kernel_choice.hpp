#pragma once
// Which fast kernel to run for given degrees: an estimate of each one's work in cycles (roughly),
// and the rule `automatic` follows. The choice never changes the output, only the time.
#include <cstdint>

#include "routers/phase/phase_operator.hpp"
#include "routers/phase/phase_options.hpp"

namespace routelab::phase {

struct PhaseKernelCosts {
  double arcs = 0;       // per row the cheaper walk: s_i positions, or about sum(t) / B lap lookups
  double bitpacked = 0;  // per row s_i / 64 words; per thread an O(E) start; the T ring sweep
};

PhaseKernelCosts estimate_kernel_costs(const PhaseOperator& op, std::int64_t k, int threads);

// `automatic` becomes arcs or bitpacked (for the current OpenMP thread count); a forced choice is
// returned unchanged.
PhaseKernel resolve_kernel(const PhaseOperator& op, std::int64_t k, PhaseKernel requested);

}  // namespace routelab::phase
