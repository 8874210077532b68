#pragma once
// Which fast kernel to run for given degrees: a cost estimate for each, in comparable units
// (about one simple step each), and the rule `automatic` follows.
#include <cstdint>

#include "routers/phase/phase_operator.hpp"
#include "routers/phase/phase_options.hpp"

namespace routelab::phase {

struct PhaseKernelCosts {
  double arcs = 0;             // sum over rows of min(s_i, lap steps)
  double bitpacked = 0;        // prefix table + one AND/popcount pass of ceil(E/64) words per row
  std::int64_t bitpacked_bytes = 0;  // its prefix table
  bool bitpacked_allowed = false;    // table no larger than the route table (keeps O(B*k + B + E))
};

PhaseKernelCosts estimate_kernel_costs(const PhaseOperator& op, std::int64_t k);

// `automatic` becomes arcs or bitpacked; a forced choice is returned unchanged.
PhaseKernel resolve_kernel(const PhaseOperator& op, std::int64_t k, PhaseKernel requested);

}  // namespace routelab::phase
