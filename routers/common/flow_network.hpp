#pragma once
// A thin wrapper over Boost.Graph's flow algorithms for the routers and oracles that solve a
// batch exactly: arcs with integer capacities and costs, maximum flow by push-relabel, minimum-cost
// maximum flow by successive shortest paths, and the residual network's shortest-path potentials
// (the dual certificate that a min-cost flow is optimal also on arcs left out of the network).
// Integer costs on purpose: Dijkstra and the optimality check are then exact, with no tolerance.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace routelab {

class FlowNetwork {
 public:
  explicit FlowNetwork(std::size_t vertices);
  ~FlowNetwork();
  FlowNetwork(FlowNetwork&&) noexcept;
  FlowNetwork& operator=(FlowNetwork&&) noexcept;

  // Adds an arc from -> to; returns its id (0, 1, 2, ... in order of addition).
  std::size_t add_arc(std::size_t from, std::size_t to, std::int64_t capacity, std::int64_t cost = 0);

  // Maximum flow from source to sink (push-relabel); per-arc flows are readable afterwards.
  std::int64_t max_flow(std::size_t source, std::size_t sink);
  // A maximum flow of minimum total cost (successive shortest paths; every arc cost must be >= 0).
  // Returns the total cost; flow_value() is the flow's size.
  std::int64_t min_cost_max_flow(std::size_t source, std::size_t sink);

  std::int64_t flow(std::size_t arc) const;
  std::int64_t flow_value() const { return flow_value_; }
  std::size_t arcs() const;

  // Potentials p with cost(u, v) + p[u] - p[v] >= 0 on every arc of the residual network (arcs with
  // room, and the reverses of arcs carrying flow): they exist exactly when the current flow has
  // minimum cost for its value. An arc (u, v, cost c) not in the network could lower the cost iff
  // c + p[u] - p[v] < 0. Throws std::logic_error if the residual network has a negative cycle.
  std::vector<std::int64_t> residual_potentials() const;

 private:
  struct Graph;
  std::unique_ptr<Graph> graph_;
  std::int64_t flow_value_ = 0;
};

}  // namespace routelab
