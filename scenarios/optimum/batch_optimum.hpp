#pragma once
// The best any router could do on the batches a run actually routed, by max-flow on the
// token-expert graph (Boost.Graph push-relabel through routers/common/flow_network.hpp):
// - the smallest achievable maximum expert load over the run (every token gets all its slots:
//   min(k, eligible experts) distinct experts), by a search on the load bound L with one max-flow
//   per candidate over every batch at once (source -> (batch, class) -> expert -> sink, capacity L);
// - the largest number of assignments the batches' capacities can accept (a max-flow per batch).
// Tokens with the same eligible experts form one class node: in routelab every token may go to
// every expert, so a batch is one node and the networks stay batches x experts arcs.
#include <cstdint>
#include <span>
#include <vector>

#include "core/types.hpp"

namespace routelab {

struct EligibilityClass {
  std::int64_t tokens = 0;
  std::vector<ExpertId> experts;  // the experts these tokens may go to (distinct)
};

struct OptimumBatch {
  std::vector<EligibilityClass> classes;
  std::vector<std::int64_t> capacity;  // per expert, what the batch can accept; empty: no bound (queue policy)
};

// Slots the batch's tokens ask for: tokens x min(k, eligible experts), summed over classes.
std::int64_t demanded_slots(const OptimumBatch& batch, int k);

// The most assignments (distinct eligible experts per token, at most k each) within the capacities.
std::int64_t max_served(const OptimumBatch& batch, int experts, int k);

// The smallest L such that every batch gets all its demanded slots with no expert above L
// assignments summed over all the batches. 0 when nothing is demanded.
std::int64_t min_max_load(std::span<const OptimumBatch> batches, int experts, int k);

// Arcs of the largest network the two computations build (for the caller's size limit).
std::int64_t optimum_arcs(std::span<const OptimumBatch> batches, int experts);

}  // namespace routelab
