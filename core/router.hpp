#pragma once
// The routing seam: one virtual call per batch. A router sees the whole batch at once and writes a
// flat tokens x depth table of expert ids (row-major), padded with kNoExpert (-1). The first k
// columns are the token's assignments; columns k.. (when depth > k) are a ranking of fallbacks
// that the `next_choice` overflow policy walks in order.
#include <cstdint>
#include <span>

#include "core/types.hpp"

namespace routelab {

struct RoutingRequest {
  TokenBatch batch;
  int k = 1;
  int depth = 1;  // columns per token in the output; depth >= k
  int num_experts = 1;
  std::span<const std::int64_t> expert_load;      // outstanding assignments per expert (queued + in service)
  std::span<const std::int32_t> expert_capacity;  // this batch's capacity per expert
};

class Router {
 public:
  virtual ~Router() = default;

  // Writes request.batch.tokens.size() * request.depth ids into `out` (already filled with -1).
  virtual void route(const RoutingRequest& request, std::span<ExpertId> out) = 0;

  // Load feedback after each batch has been dispatched (outstanding assignments per expert).
  virtual void observe(std::span<const std::int64_t> expert_load) { (void)expert_load; }

  // How many ranked columns this router can fill; k when it offers no fallback ranking.
  virtual int max_depth(int k, int num_experts) const {
    (void)num_experts;
    return k;
  }
};

}  // namespace routelab
