#include "routers/common/min_cost_transport.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <tuple>

#include "routers/common/flow_network.hpp"

namespace routelab {

TransportSolution solve_transport(const TransportProblem& p) {
  const std::size_t rows = p.rows, cols = p.columns;
  const auto at = [cols](std::size_t r, std::size_t c) { return r * cols + c; };
  // taken: units per member the warm start sends; joined: a join arc for the rest of the width.
  std::vector<std::int64_t> taken(rows * cols, 0);
  std::vector<char> joined(rows * cols, 0);
  std::vector<std::int64_t> theta(rows, 0);  // the row's costliest warm-start column
  std::vector<std::int64_t> start_load(cols, 0);
  std::vector<std::size_t> order(cols);
  for (std::size_t r = 0; r < rows; ++r) {
    std::iota(order.begin(), order.end(), 0);
    const auto better = [&](std::size_t a, std::size_t b) {
      if (!p.preference.empty()) {
        const double x = p.preference[at(r, a)], y = p.preference[at(r, b)];
        return x > y || (x == y && a < b);
      }
      const std::int64_t x = p.cost[at(r, a)], y = p.cost[at(r, b)];
      return x < y || (x == y && a < b);
    };
    std::sort(order.begin(), order.end(), better);
    std::int64_t left = p.units;
    std::size_t used = 0;
    for (; used < cols && left > 0; ++used) {
      const std::size_t c = order[used];
      taken[at(r, c)] = std::min(left, p.width[c]);
      left -= taken[at(r, c)];
      start_load[c] += taken[at(r, c)] * p.row_size[r];
      theta[r] = std::max(theta[r], p.cost[at(r, c)]);
    }
    for (std::size_t j = 0; j < std::min(cols, used + p.slack); ++j) joined[at(r, order[j])] = 1;
    if (r < p.feasible.size())
      for (const std::size_t c : p.feasible[r]) joined[at(r, c)] = 1;
  }
  std::int64_t total = 0;
  for (std::size_t r = 0; r < rows; ++r) total += p.row_size[r] * p.units;
  const auto reduced = [&](std::size_t r, std::size_t c) { return p.cost[at(r, c)] - theta[r]; };

  // Vertices: 0 source, 1 sink, 2 the "one more" pool, then columns, then rows. A column gets its
  // warm-start load from the source and passes its final load to the sink (and, when exact, one
  // more to the pool, which passes exactly `extra` on); a full flow is a feasible plan.
  const std::size_t source = 0, sink = 1, pool = 2, first_col = 3, first_row = 3 + cols;
  TransportSolution solution;
  std::vector<std::tuple<std::size_t, std::size_t, std::size_t, bool>> arcs;  // (row, column, arc, leave)
  for (;;) {
    ++solution.solves;
    FlowNetwork network(first_row + rows);
    arcs.clear();
    for (std::size_t c = 0; c < cols; ++c) {
      if (start_load[c] > 0) network.add_arc(source, first_col + c, start_load[c]);
      if (p.column_cap[c] > 0) network.add_arc(first_col + c, sink, p.column_cap[c]);
      if (p.exact && p.extra > 0) network.add_arc(first_col + c, pool, 1);
    }
    if (p.exact && p.extra > 0) network.add_arc(pool, sink, p.extra);
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t c = 0; c < cols; ++c) {
        const std::int64_t t = taken[at(r, c)];
        if (t > 0)
          arcs.emplace_back(r, c, network.add_arc(first_col + c, first_row + r, t * p.row_size[r], -reduced(r, c)), true);
        if (joined[at(r, c)] != 0 && t < p.width[c])
          arcs.emplace_back(r, c, network.add_arc(first_row + r, first_col + c, (p.width[c] - t) * p.row_size[r], reduced(r, c)),
                            false);
      }
    network.min_cost_max_flow(source, sink);
    if (network.flow_value() != total) throw std::logic_error("solve_transport: no plan sends every unit");

    // Certificate: a left-out join arc could lower the cost only if its reduced cost is negative
    // under the residual potentials; add every such arc and solve again.
    const std::vector<std::int64_t> pot = network.residual_potentials();
    bool grown = false;
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t c = 0; c < cols; ++c)
        if (joined[at(r, c)] == 0 && taken[at(r, c)] < p.width[c] &&
            reduced(r, c) + pot[first_row + r] - pot[first_col + c] < 0) {
          joined[at(r, c)] = 1;
          grown = true;
        }
    if (grown) continue;

    solution.flow.assign(rows * cols, 0);
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t c = 0; c < cols; ++c) solution.flow[at(r, c)] = taken[at(r, c)] * p.row_size[r];
    for (const auto& [r, c, arc, leave] : arcs) solution.flow[at(r, c)] += leave ? -network.flow(arc) : network.flow(arc);
    for (std::size_t i = 0; i < rows * cols; ++i) solution.cost += solution.flow[i] * p.cost[i];
    return solution;
  }
}

}  // namespace routelab
