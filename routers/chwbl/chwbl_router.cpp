#include "routers/chwbl/chwbl_router.hpp"

#include <algorithm>
#include <cmath>

#include "core/rng_streams.hpp"

namespace routelab {

namespace {

// Distinct salts keep the experts' ring points and the keys' points independent hashes.
constexpr std::uint64_t kExpertSalt = 0x243f6a8885a308d3ULL;
constexpr std::uint64_t kKeySalt = 0x13198a2e03707344ULL;
// 0.25: the paper's c = 1 + epsilon = 1.25, the value its production deployments used.
constexpr double kDefaultEpsilon = 0.25;
// 8 points per expert: arcs more even than with one point each, so fewer tokens walk far.
constexpr std::int64_t kDefaultVirtualNodes = 8;

std::uint64_t key_point(std::uint64_t seed, std::uint64_t key) { return mix64(mix64(seed ^ kKeySalt) ^ mix64(key)); }

}  // namespace

ChwblRouter::ChwblRouter(const RouterConfig& config)
    : seed_(config.seed), epsilon_(config.params.get_double("epsilon", kDefaultEpsilon)) {
  const auto virtual_nodes = config.params.get_int("virtual_nodes", kDefaultVirtualNodes);
  for (ExpertId e = 0; e < config.num_experts; ++e)
    for (std::int64_t v = 0; v < virtual_nodes; ++v) {
      const auto node = static_cast<std::uint64_t>(e) * static_cast<std::uint64_t>(virtual_nodes) +
                        static_cast<std::uint64_t>(v);
      ring_.emplace_back(mix64(mix64(seed_ ^ kExpertSalt) ^ mix64(node)), e);
    }
  std::sort(ring_.begin(), ring_.end());  // ties (2^-64 likely) broken by expert id: still deterministic
}

std::int64_t ChwblRouter::load_bound(double epsilon, std::size_t tokens, int k, int experts) {
  const double mean = static_cast<double>(tokens) * k / experts;
  // The small slack keeps ceil() from rounding an exact integer such as 1.25 * 64 up by one ulp.
  return static_cast<std::int64_t>(std::ceil((1.0 + epsilon) * mean - 1e-9));
}

void ChwblRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  const std::size_t n = request.batch.tokens.size();
  const int k = std::min(request.k, request.num_experts);
  const std::int64_t bound = load_bound(epsilon_, n, request.k, request.num_experts);
  load_.assign(static_cast<std::size_t>(request.num_experts), 0);
  const auto depth = static_cast<std::size_t>(request.depth);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t point = key_point(seed_, request.batch.tokens[i].key);
    auto start = std::lower_bound(ring_.begin(), ring_.end(), std::make_pair(point, ExpertId{0}));
    std::size_t at = static_cast<std::size_t>(start - ring_.begin()) % ring_.size();
    const auto row = out.subspan(i * depth, depth);
    int chosen = 0;
    // One lap of the ring visits every expert: a token gets fewer than k only when fewer than k
    // experts have room left (possible at the end of a batch when epsilon is 0).
    for (std::size_t step = 0; step < ring_.size() && chosen < k; ++step, at = (at + 1) % ring_.size()) {
      const ExpertId e = ring_[at].second;
      auto& load = load_[static_cast<std::size_t>(e)];
      if (load >= bound) continue;
      if (std::find(row.begin(), row.begin() + chosen, e) != row.begin() + chosen) continue;
      row[static_cast<std::size_t>(chosen++)] = e;
      ++load;
    }
  }
}

std::unique_ptr<Router> make_chwbl_router(const RouterConfig& config) { return std::make_unique<ChwblRouter>(config); }

const ParamSchema& chwbl_parameters() {
  static const ParamSchema schema{
      {.name = "epsilon",
       .type = ParamType::number,
       .default_value = number_text(kDefaultEpsilon),
       .min = 0,
       .max = 100,
       .meaning = "load slack: no expert above ceil((1 + epsilon) * B k / E) assignments in a batch"},
      {.name = "virtual_nodes",
       .type = ParamType::integer,
       .default_value = std::to_string(kDefaultVirtualNodes),
       .min = 1,
       .max = 1024,
       .meaning = "ring points per expert (more points: more even arcs before the bound applies)"},
  };
  return schema;
}

}  // namespace routelab
