#pragma once
// Where a seed's tokens land, read off the phase operator's own arcs (spec/phase-router.md §2 with
// every expert eligible, s_i = E): ring position u of the token ring is covered by the experts
// whose T arcs hold u -- the owners of u, u + B, u + 2B, ... on the unrolled line [0, sum t) -- and
// the phase router keeps min(k, c) of a token's c candidates uniformly at random, so each
// candidate gets 1/c of its assignments. learned_seed's training objective uses these shares.
// The arcs are spread (phase::CapacityArcLayout): tiled end to end, the experts on the extra lap
// would share every token with one more expert and get less load in every batch (issue 12). Their
// order stays the given one, so a seed's learned home meets the same experts in every batch.
#include <cstdint>
#include <span>

#include "routers/phase/phase_operator.hpp"

namespace routelab {

// The layout learned_seed routes and trains with.
inline constexpr phase::CapacityArcLayout kLearnedSeedArcLayout{.permuted_order = false, .spread = true};

// The operator learned_seed routes a batch of `ring` tokens with: s_i = E, t_j = capacities[j]
// (each 0..ring). Only its arcs matter here, so the seed is 0. Throws phase::PhaseArgumentError.
phase::PhaseOperator full_degree_operator(std::span<const std::int64_t> capacities, std::int32_t ring);

// Share of a token's assignments at each expert when it sits uniformly at random on the ring
// positions [offset, offset + width) (wrapping); `out` has one entry per expert and sums to 1
// unless no position of the window is covered.
void window_share(const phase::PhaseOperator& op, std::int32_t offset, std::int32_t width, std::span<double> out);

}  // namespace routelab
