#include "routers/phase/phase_kernels.hpp"

#include <algorithm>

namespace routelab::phase {

void PhaseTally::absorb(const PhaseRowWriter& writer) {
  active_routes += writer.active_routes();
  candidates += writer.candidates();
  max_row_candidates = std::max(max_row_candidates, writer.max_row_candidates());
  const auto loads = writer.column_load();
  for (std::size_t j = 0; j < loads.size(); ++j) column_load[j] += loads[j];
}

}  // namespace routelab::phase
