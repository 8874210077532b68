#pragma once
// A transportation problem solved exactly as a min-cost flow (flow_network.hpp, Boost.Graph
// successive shortest paths) from a warm start: rows (classes of identical members) send `units`
// each to columns (experts, or groups of interchangeable experts), at most `width[c]` per member
// to column c, columns bounded by capacities (or exactly balanced). The warm start puts every row
// on its own best columns, capacities ignored; the network then only moves units off the
// overloaded columns (column -> row -> column arcs whose costs are the cost the move adds), so the
// work grows with the units moved. The network holds each row's best few columns and grows until
// the residual network's potentials certify that no left-out arc could lower the cost: the answer
// is that of the full rows x columns problem. Used by the base router (exact balance) and by the
// quality optimum (capacities).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace routelab {

struct TransportProblem {
  std::size_t rows = 0;
  std::size_t columns = 0;
  std::vector<std::int64_t> row_size;  // members per row
  std::int64_t units = 1;              // units each member sends; at most the sum of the widths
  std::vector<std::int64_t> width;     // per column: the most units one member may send there
  std::vector<std::int64_t> cost;      // rows x columns, each >= 0
  // Preference, rows x columns, higher first (ties to the lower column): the warm start's and the
  // first network's order. Empty: lower cost first.
  std::vector<double> preference = {};
  std::vector<std::int64_t> column_cap;  // per column: its capacity, or its base share when `exact`
  bool exact = false;                    // every column at its cap, exactly `extra` of them one more
  std::int64_t extra = 0;
  // Per row, columns joined from the start so that a full flow exists (e.g. a round-robin plan).
  std::vector<std::vector<std::size_t>> feasible = {};
  std::size_t slack = 8;  // columns beyond the warm start in the first network, per row
};

struct TransportSolution {
  std::vector<std::int64_t> flow;  // rows x columns: units the row's members send to the column
  std::int64_t cost = 0;           // sum of flow x cost
  int solves = 0;                  // min-cost flow solves until the certificate held
};

// Throws std::logic_error when no flow sends every unit (the caller's `feasible` columns should make one).
TransportSolution solve_transport(const TransportProblem& problem);

}  // namespace routelab
