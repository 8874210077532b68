#pragma once
// The BASE layers' balanced assignment (Lewis et al. 2021), solved exactly: every token gets k
// distinct experts, every expert gets floor(B k / E) or that plus one assignments (exactly
// B k mod E of them the extra one), and among all such assignments the total token-expert
// affinity is maximal. Solved as an exactly balanced transportation problem
// (routers/common/min_cost_transport.hpp: a Boost.Graph min-cost flow from a top-k warm start,
// certified on the full B x E graph).
#include <cstddef>
#include <span>
#include <vector>

#include "core/types.hpp"

namespace routelab {

struct BalancedAssignment {
  std::vector<ExpertId> table;   // tokens x k expert ids, each row ordered by affinity, best first
  double total_affinity = 0;     // sum of the affinities of every (token, expert) pair in `table`
  int solves = 0;                // min-cost flow solves until the certificate held (1 when the first did)
};

// `affinity` is tokens x experts, row-major. k is clamped to experts. Tokens with identical rows
// are solved as one class (a hot key costs one node, not one per repetition).
BalancedAssignment balanced_assignment(std::span<const double> affinity, std::size_t tokens, int experts, int k);

// The per-expert share the balance constraint allows: floor(B k / E), and how many experts get one more.
struct ExpertShare {
  std::int64_t base;
  std::int64_t extra;  // experts at base + 1
};
ExpertShare expert_share(std::size_t tokens, int experts, int k);

}  // namespace routelab
