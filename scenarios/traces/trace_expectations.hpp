#pragma once
// What the scenario replaying a trace needs from its rows, checked by the readers row by row so
// that a misfit names file:line (and --skip-bad-rows can drop it) instead of failing inside the
// engine or replaying choices the scenario cannot hold.
#include <span>
#include <string>

#include "core/types.hpp"

namespace routelab {

struct TraceExpectations {
  int num_experts = 0;  // experts.count: every recorded id must be below it; 0 = not checked
  int k = 0;            // routing.k: a recording must offer at least k choices per token; 0 = not checked
};

// Why a row's recorded experts do not fit the scenario (an id beyond experts.count), or "".
inline std::string expert_ids_misfit(std::span<const ExpertId> experts, const TraceExpectations& expected) {
  if (expected.num_experts <= 0) return "";
  for (const ExpertId expert : experts)
    if (expert >= expected.num_experts)
      return "the row records expert " + std::to_string(expert) + ", beyond the scenario's experts.count = " +
             std::to_string(expected.num_experts) + " (expected ids 0.." + std::to_string(expected.num_experts - 1) +
             ")";
  return "";
}

}  // namespace routelab
