#include "routers/base/balanced_assignment.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <tuple>
#include <stdexcept>
#include <unordered_map>

#include "engine/rng_streams.hpp"
#include "routers/common/flow_network.hpp"

namespace routelab {

namespace {

// Affinities become integer costs in units of 2^-30 of the batch's affinity range: exact integer
// Dijkstra and certificate, and totals far from overflow (B k 2^30 < 2^63 for any batch here).
constexpr double kCostScale = 1073741824.0;  // 2^30
// Join arcs per class in the first network beyond its k: enough that most batches certify at once,
// few enough that the network stays B (k + slack) arcs instead of B E. Measured (2 shared cores,
// CPU seconds): slack 4, 8, 16 took 4.3, 3.4, 4.5 s on the default scenario (200 batches of 512,
// E = 64, k = 2) and 1.8, 1.4, 1.3 s on 20 semantic-clusters batches, the same assignments always.
constexpr int kCandidateSlack = 8;

struct TokenClass {
  std::size_t first;                 // its first token: its row of affinities
  std::vector<std::size_t> members;  // tokens, in batch order
};

std::vector<TokenClass> classes_of(std::span<const double> affinity, std::size_t tokens, std::size_t experts) {
  std::vector<TokenClass> classes;
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> by_hash;  // row hash -> class ids
  for (std::size_t t = 0; t < tokens; ++t) {
    const double* row = affinity.data() + t * experts;
    std::uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (std::size_t j = 0; j < experts; ++j) {
      std::uint64_t bits;
      std::memcpy(&bits, row + j, sizeof bits);
      h = mix64(h ^ bits);
    }
    auto& candidates = by_hash[h];
    bool placed = false;
    for (const std::size_t c : candidates)
      if (std::equal(row, row + experts, affinity.data() + classes[c].first * experts)) {
        classes[c].members.push_back(t);
        placed = true;
        break;
      }
    if (!placed) {
      candidates.push_back(classes.size());
      classes.push_back(TokenClass{t, {t}});
    }
  }
  return classes;
}

}  // namespace

ExpertShare expert_share(std::size_t tokens, int experts, int k) {
  const auto total = static_cast<std::int64_t>(tokens) * std::min(k, experts);
  return {total / experts, total % experts};
}

BalancedAssignment balanced_assignment(std::span<const double> affinity, std::size_t tokens, int experts, int k) {
  k = std::min(k, experts);
  BalancedAssignment result;
  result.table.assign(tokens * static_cast<std::size_t>(k), kNoExpert);
  if (tokens == 0 || k <= 0) return result;
  const auto e_count = static_cast<std::size_t>(experts);
  const auto [lo, hi] = std::minmax_element(affinity.begin(), affinity.begin() + static_cast<std::ptrdiff_t>(tokens * e_count));
  const double range = *hi - *lo;
  const double scale = range > 0 ? kCostScale / range : 0.0;
  const auto cost_of = [&](std::size_t t, std::size_t e) {
    return static_cast<std::int64_t>(std::llround((*hi - affinity[t * e_count + e]) * scale));
  };

  const std::vector<TokenClass> classes = classes_of(affinity, tokens, e_count);
  const std::size_t c_count = classes.size();
  // The warm start: every class at its own top k, balance ignored (the best total of all). The
  // network then only moves units off overloaded experts: expert e -> class c (c leaves e) and
  // class c -> expert e' (c joins e'), with costs reduced by the class's k-th best cost theta_c, so
  // every arc costs >= 0 (successive shortest paths needs that) and a move off e onto e' costs
  // exactly cost(c, e') - cost(c, e). Units that stay go source -> e -> sink in one augmentation
  // per expert, so the solver works per moved unit, not per assignment.
  // state[c][e]: 2 assigned at the start, 1 a join arc in the network, 0 left out.
  std::vector<std::vector<char>> state(c_count, std::vector<char>(e_count, 0));
  std::vector<std::int64_t> theta(c_count);
  std::vector<std::int64_t> start_load(e_count, 0);
  std::vector<std::size_t> order(e_count);
  const auto candidates = static_cast<std::size_t>(std::min(experts, k + kCandidateSlack));
  for (std::size_t c = 0; c < c_count; ++c) {
    const double* row = affinity.data() + classes[c].first * e_count;
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(candidates), order.end(),
                      [&](std::size_t a, std::size_t b) { return row[a] > row[b] || (row[a] == row[b] && a < b); });
    const auto members = static_cast<std::int64_t>(classes[c].members.size());
    for (std::size_t j = 0; j < candidates; ++j) state[c][order[j]] = j < static_cast<std::size_t>(k) ? 2 : 1;
    for (std::size_t j = 0; j < static_cast<std::size_t>(k); ++j) start_load[order[j]] += members;
    theta[c] = cost_of(classes[c].first, order[static_cast<std::size_t>(k) - 1]);
    // The experts of a round-robin assignment (token i to experts i k .. i k + k - 1 mod E,
    // perfectly balanced) can be joined too, so a balanced flow always exists.
    for (const std::size_t t : classes[c].members)
      for (int slot = 0; slot < k; ++slot) {
        char& st = state[c][(t * static_cast<std::size_t>(k) + static_cast<std::size_t>(slot)) % e_count];
        if (st == 0) st = 1;
      }
  }
  const auto reduced = [&](std::size_t c, std::size_t e) { return cost_of(classes[c].first, e) - theta[c]; };

  const ExpertShare share = expert_share(tokens, experts, k);
  // Vertices: 0 source, 1 sink, 2 the "one more" pool, then experts, then classes. Expert e gets
  // its start load from the source; its arc to the sink holds its base share and its arc to the
  // pool one more; the pool passes exactly `extra` on. A flow of B k saturates all of them: every
  // expert ends at base or base + 1.
  const std::size_t source = 0, sink = 1, pool = 2, first_expert = 3, first_class = 3 + e_count;
  std::vector<std::vector<std::tuple<std::size_t, std::size_t, bool>>> class_arcs(c_count);  // (expert, arc, assigned)
  for (;;) {
    ++result.solves;
    FlowNetwork network(first_class + c_count);
    for (auto& arcs : class_arcs) arcs.clear();
    for (std::size_t e = 0; e < e_count; ++e) {
      if (start_load[e] > 0) network.add_arc(source, first_expert + e, start_load[e]);
      if (share.base > 0) network.add_arc(first_expert + e, sink, share.base);
      if (share.extra > 0) network.add_arc(first_expert + e, pool, 1);
    }
    if (share.extra > 0) network.add_arc(pool, sink, share.extra);
    for (std::size_t c = 0; c < c_count; ++c) {
      const auto members = static_cast<std::int64_t>(classes[c].members.size());
      for (std::size_t e = 0; e < e_count; ++e) {
        if (state[c][e] == 2)
          class_arcs[c].emplace_back(e, network.add_arc(first_expert + e, first_class + c, members, -reduced(c, e)), true);
        else if (state[c][e] == 1)
          class_arcs[c].emplace_back(e, network.add_arc(first_class + c, first_expert + e, members, reduced(c, e)), false);
      }
    }
    network.min_cost_max_flow(source, sink);
    if (network.flow_value() != static_cast<std::int64_t>(tokens) * k)
      throw std::logic_error("balanced_assignment: the round-robin arcs should make a balanced flow feasible");

    // Certificate: a left-out join arc could lower the cost only if its reduced cost is negative
    // under the residual potentials; add every such arc and solve again.
    const std::vector<std::int64_t> p = network.residual_potentials();
    bool grown = false;
    for (std::size_t c = 0; c < c_count; ++c)
      for (std::size_t e = 0; e < e_count; ++e)
        if (state[c][e] == 0 && reduced(c, e) + p[first_class + c] - p[first_expert + e] < 0) {
          state[c][e] = 1;
          grown = true;
        }
    if (grown) continue;

    // Deal each class's expert units to its tokens: unit u goes to member u mod n. An expert holds
    // at most n units of a class, in one contiguous block, so no token gets an expert twice.
    std::vector<ExpertId> units;
    for (std::size_t c = 0; c < c_count; ++c) {
      const auto n = classes[c].members.size();
      const double* row = affinity.data() + classes[c].first * e_count;
      units.clear();
      auto arcs = class_arcs[c];
      std::sort(arcs.begin(), arcs.end(), [&](const auto& a, const auto& b) {
        const std::size_t ea = std::get<0>(a), eb = std::get<0>(b);
        return row[ea] > row[eb] || (row[ea] == row[eb] && ea < eb);
      });
      for (const auto& [e, arc, assigned] : arcs) {
        const std::int64_t held = assigned ? static_cast<std::int64_t>(n) - network.flow(arc) : network.flow(arc);
        for (std::int64_t u = 0; u < held; ++u) units.push_back(static_cast<ExpertId>(e));
      }
      for (std::size_t u = 0; u < units.size(); ++u) {
        const std::size_t t = classes[c].members[u % n];
        result.table[t * static_cast<std::size_t>(k) + u / n] = units[u];
        result.total_affinity += row[static_cast<std::size_t>(units[u])];
      }
    }
    return result;
  }
}

}  // namespace routelab
