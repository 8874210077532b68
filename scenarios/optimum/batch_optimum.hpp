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

// The same two figures in closed form when every token of a batch may go to every one of the
// `experts` experts (routelab's case; tests/scenarios/optimum/ checks them against the max-flows).
// One batch of `tokens`: the class node's supply is tokens x min(k, E) and expert e takes at most
// min(tokens, capacity[e]) (one slot a token), so the max-flow is the smaller of the two sums.
// Empty `capacity`: no bound.
std::int64_t max_served_any_expert(std::int64_t tokens, std::span<const std::int32_t> capacity, int experts, int k);
// Over a run of such batches asking for `slots` slots in all: ceil(slots / E). Every cut of the
// run's network costs k' x (tokens outside X) + E x min(L, tokens in X) for a set X of batches
// (k' = min(k, E) <= E); that is concave in X's tokens, so the cheapest cut is X empty or X all:
// min(slots, E x min(L, tokens)), and L = ceil(slots / E) already reaches every slot.
std::int64_t min_max_load_any_expert(std::int64_t slots, int experts);

}  // namespace routelab
