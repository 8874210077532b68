#include "routers/sinkhorn/sinkhorn_router.hpp"

#include <algorithm>
#include <cmath>

#include "routers/learned/expert_ranking.hpp"

namespace routelab {

namespace {

// 8 iterations: S-BASE-style gates use a handful; on routelab's batches the column sums are then
// within a few per cent of B / E (tests/routers/sinkhorn prints the convergence).
constexpr std::int64_t kDefaultIterations = 8;
// Hash affinities span [0, 1): T = 0.1 turns that span into a factor e^10 between a token's best
// and worst expert, a sharp gate for the balancing to work against.
constexpr double kDefaultTemperature = 0.1;

}  // namespace

void sinkhorn_balance(std::span<double> p, std::size_t tokens, std::size_t experts, int iterations, double temperature) {
  if (tokens == 0 || experts == 0) return;
  for (std::size_t t = 0; t < tokens; ++t) {
    const auto row = p.subspan(t * experts, experts);
    const double top = *std::max_element(row.begin(), row.end());
    for (double& v : row) v = std::exp((v - top) / temperature);  // the row's best is 1: no overflow
  }
  const double column_target = static_cast<double>(tokens) / static_cast<double>(experts);
  std::vector<double> column(experts);
  for (int it = 0; it < iterations; ++it) {
    std::fill(column.begin(), column.end(), 0.0);
    for (std::size_t t = 0; t < tokens; ++t)
      for (std::size_t e = 0; e < experts; ++e) column[e] += p[t * experts + e];
    for (std::size_t e = 0; e < experts; ++e) column[e] = column[e] > 0 ? column_target / column[e] : 0.0;
    for (std::size_t t = 0; t < tokens; ++t) {
      double sum = 0;
      for (std::size_t e = 0; e < experts; ++e) sum += p[t * experts + e] *= column[e];
      if (sum > 0)
        for (std::size_t e = 0; e < experts; ++e) p[t * experts + e] /= sum;
    }
  }
}

SinkhornRouter::SinkhornRouter(const RouterConfig& config)
    : affinity_(config.seed),
      iterations_(static_cast<int>(config.params.get_int("iterations", kDefaultIterations))),
      temperature_(config.params.get_double("temperature", kDefaultTemperature)) {}

int SinkhornRouter::max_depth(int k, int num_experts) const {
  (void)k;
  return num_experts;  // the balanced row ranks every expert: next_choice may walk it
}

void SinkhornRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  const std::size_t n = request.batch.tokens.size();
  const auto experts = static_cast<std::size_t>(request.num_experts);
  plan_.resize(n * experts);
  for (std::size_t i = 0; i < n; ++i) affinity_.scores(request.batch, i, std::span(plan_).subspan(i * experts, experts));
  sinkhorn_balance(plan_, n, experts, iterations_, temperature_);
  const auto depth = static_cast<std::size_t>(request.depth);
  for (std::size_t i = 0; i < n; ++i)
    write_ranking(std::span<const double>(plan_).subspan(i * experts, experts),
                  out.subspan(i * depth, std::min(depth, experts)), order_);
}

std::unique_ptr<Router> make_sinkhorn_router(const RouterConfig& config) { return std::make_unique<SinkhornRouter>(config); }

const ParamSchema& sinkhorn_parameters() {
  static const ParamSchema schema{
      {.name = "iterations",
       .type = ParamType::integer,
       .default_value = std::to_string(kDefaultIterations),
       .min = 0,
       .max = 1000,
       .meaning = "Sinkhorn rounds (columns to B / E, then rows to 1) before the top-k; 0 is plain top-k"},
      {.name = "temperature",
       .type = ParamType::number,
       .default_value = number_text(kDefaultTemperature),
       .min = 0,
       .max = 100,
       .min_exclusive = true,
       .meaning = "softmax temperature on the affinities: lower is a sharper gate"},
  };
  return schema;
}

}  // namespace routelab
