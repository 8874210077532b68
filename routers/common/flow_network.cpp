#include "routers/common/flow_network.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#include <stdexcept>

namespace routelab {

namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using BoostGraph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, std::int64_t,
                    boost::property<boost::edge_residual_capacity_t, std::int64_t,
                                    boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                                    // Costs as doubles: Boost's successive shortest paths adds an unreachable vertex's infinite
                                                    // distance to its potential, which overflows (UB) for integers. Costs stay whole numbers
                                                    // far below 2^53, so every sum is exact.
                                                    boost::property<boost::edge_weight_t, double>>>>>;
using Edge = Traits::edge_descriptor;

}  // namespace

struct FlowNetwork::Graph {
  explicit Graph(std::size_t vertices) : g(vertices) {}
  BoostGraph g;
  std::vector<Edge> forward;  // arc id -> its forward edge (its reverse is the paired edge)
};

FlowNetwork::FlowNetwork(std::size_t vertices) : graph_(std::make_unique<Graph>(vertices)) {}
FlowNetwork::~FlowNetwork() = default;
FlowNetwork::FlowNetwork(FlowNetwork&&) noexcept = default;
FlowNetwork& FlowNetwork::operator=(FlowNetwork&&) noexcept = default;

std::size_t FlowNetwork::add_arc(std::size_t from, std::size_t to, std::int64_t capacity, std::int64_t cost) {
  auto& g = graph_->g;
  const Edge e = boost::add_edge(from, to, g).first;
  const Edge r = boost::add_edge(to, from, g).first;
  boost::put(boost::edge_capacity, g, e, capacity);
  boost::put(boost::edge_capacity, g, r, 0);
  boost::put(boost::edge_residual_capacity, g, e, capacity);
  boost::put(boost::edge_residual_capacity, g, r, 0);
  boost::put(boost::edge_weight, g, e, static_cast<double>(cost));
  boost::put(boost::edge_weight, g, r, -static_cast<double>(cost));
  boost::put(boost::edge_reverse, g, e, r);
  boost::put(boost::edge_reverse, g, r, e);
  graph_->forward.push_back(e);
  return graph_->forward.size() - 1;
}

std::int64_t FlowNetwork::max_flow(std::size_t source, std::size_t sink) {
  flow_value_ = boost::push_relabel_max_flow(graph_->g, source, sink);
  return flow_value_;
}

std::int64_t FlowNetwork::min_cost_max_flow(std::size_t source, std::size_t sink) {
  auto& g = graph_->g;
  boost::successive_shortest_path_nonnegative_weights(g, source, sink);
  flow_value_ = 0;
  for (auto [e, end] = boost::out_edges(source, g); e != end; ++e)
    flow_value_ += boost::get(boost::edge_capacity, g, *e) - boost::get(boost::edge_residual_capacity, g, *e);
  std::int64_t cost = 0;
  for (const Edge e : graph_->forward)
    cost += (boost::get(boost::edge_capacity, g, e) - boost::get(boost::edge_residual_capacity, g, e)) *
            static_cast<std::int64_t>(boost::get(boost::edge_weight, g, e));
  return cost;
}

std::int64_t FlowNetwork::flow(std::size_t arc) const {
  const auto& g = graph_->g;
  const Edge e = graph_->forward.at(arc);
  return boost::get(boost::edge_capacity, g, e) - boost::get(boost::edge_residual_capacity, g, e);
}

std::size_t FlowNetwork::arcs() const { return graph_->forward.size(); }

std::vector<std::int64_t> FlowNetwork::residual_potentials() const {
  // Bellman-Ford from a virtual source joined to every vertex at cost 0 (all distances start at 0),
  // in passes over the residual arcs until nothing relaxes; V passes without settling is a cycle.
  const auto& g = graph_->g;
  const std::size_t n = boost::num_vertices(g);
  std::vector<std::int64_t> p(n, 0);
  for (std::size_t pass = 0;; ++pass) {
    if (pass > n) throw std::logic_error("FlowNetwork: negative cycle in the residual network");
    bool relaxed = false;
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
      if (boost::get(boost::edge_residual_capacity, g, *e) <= 0) continue;
      const auto u = boost::source(*e, g);
      const auto v = boost::target(*e, g);
      const std::int64_t through = p[u] + static_cast<std::int64_t>(boost::get(boost::edge_weight, g, *e));
      if (through < p[v]) {
        p[v] = through;
        relaxed = true;
      }
    }
    if (!relaxed) return p;
  }
}

}  // namespace routelab
