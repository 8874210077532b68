#include "scenarios/optimum/quality_optimum.hpp"

#include <algorithm>
#include <cmath>

#include "routers/common/min_cost_transport.hpp"

namespace routelab {

namespace {

// Losses become integer costs in units of 2^-30 of the batch's largest loss (exact integer
// arithmetic in the solver; B k 2^30 stays far below 2^63). The returned total is recomputed from
// the real losses of the plan found.
constexpr double kCostScale = 1073741824.0;  // 2^30

}  // namespace

double min_total_loss(std::span<const double> loss, std::size_t tokens, std::span<const int> specialty_of,
                      int specialties, int k, std::int64_t bound) {
  const auto experts = static_cast<int>(specialty_of.size());
  k = std::min(k, experts);
  if (tokens == 0 || k <= 0) return 0.0;
  const auto s_count = static_cast<std::size_t>(specialties);
  std::vector<std::int64_t> members(s_count, 0);
  for (const int s : specialty_of) ++members[static_cast<std::size_t>(s)];
  const double top = *std::max_element(loss.begin(), loss.begin() + static_cast<std::ptrdiff_t>(tokens * s_count));
  const double scale = top > 0 ? kCostScale / top : 0.0;

  TransportProblem problem;
  problem.rows = tokens;
  problem.columns = s_count;
  problem.units = k;
  problem.row_size.assign(tokens, 1);
  for (std::size_t s = 0; s < s_count; ++s) {
    problem.width.push_back(std::min<std::int64_t>(k, members[s]));
    problem.column_cap.push_back(bound * members[s]);
  }
  problem.feasible.resize(tokens);
  for (std::size_t t = 0; t < tokens; ++t) {
    for (std::size_t s = 0; s < s_count; ++s)
      problem.cost.push_back(static_cast<std::int64_t>(std::llround(loss[t * s_count + s] * scale)));
    // A round-robin plan (token t to experts t k .. t k + k - 1 mod E) keeps every expert at
    // ceil(B k / E) <= bound: its specialties make a full flow possible.
    for (int slot = 0; slot < k; ++slot)
      problem.feasible[t].push_back(static_cast<std::size_t>(
          specialty_of[(t * static_cast<std::size_t>(k) + static_cast<std::size_t>(slot)) % specialty_of.size()]));
  }
  const TransportSolution plan = solve_transport(problem);
  double total = 0;
  for (std::size_t i = 0; i < tokens * s_count; ++i) total += static_cast<double>(plan.flow[i]) * loss[i];
  return total;
}

}  // namespace routelab
