#pragma once
// Which experts a token reaches from each position of the phase router's token ring, for one batch
// shape (spec/phase-router.md §2 with every expert eligible, s_i = E). Expert j's T arc has t_j
// positions; the arcs lie end to end on the unrolled line [0, sum t) in expert order, so ring
// position u is covered by the owners of u, u + B, u + 2B, ... A token there takes min(k, c) of
// its c candidates uniformly at random: each candidate gets 1/c of its assignments.
#include <cstdint>
#include <span>
#include <vector>

namespace routelab {

class RingCoverage {
 public:
  // capacities: t_j per expert, each 0..ring.
  RingCoverage(std::span<const std::int64_t> capacities, std::int32_t ring);

  std::int32_t ring() const { return ring_; }
  int experts() const { return static_cast<int>(prefix_.size()) - 1; }
  // Experts covering ring position u, in increasing order (one per lap).
  void candidates(std::int32_t u, std::vector<std::int32_t>& out) const;
  // Share of a token's assignments at each expert when it sits uniformly at random on the ring
  // positions [offset, offset + width) (wrapping); `out` has one entry per expert and sums to 1
  // unless no position of the window is covered.
  void window_share(std::int32_t offset, std::int32_t width, std::span<double> out) const;

 private:
  std::int32_t owner(std::int64_t x) const;  // the expert whose arc holds x, 0 <= x < sum t

  std::int32_t ring_;
  std::vector<std::int64_t> prefix_;  // E + 1 running sums of the capacities
};

}  // namespace routelab
