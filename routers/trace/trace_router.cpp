#include "routers/trace/trace_router.hpp"

#include <algorithm>

#include "core/errors.hpp"

namespace routelab {

namespace {
// Fallback columns offered beyond k: the DeepSeek recording has 6 per token, so a scenario routing
// top-2 can fall back on the model's 3rd..6th choices; wider recordings are cut here.
constexpr int kMaxRecordedColumns = 64;
}  // namespace

TraceRouter::TraceRouter(const RouterConfig& /*config: no parameters*/) {}

int TraceRouter::max_depth(int k, int num_experts) const {
  return std::min(num_experts, std::max(k, kMaxRecordedColumns));
}

void TraceRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  const TokenBatch& batch = request.batch;
  if (batch.tokens.empty()) return;
  if (batch.recorded_k <= 0)
    throw ConfigError("router", "router 'trace' replays recorded expert choices: use it with a trace scenario "
                                "(tokens.kind = \"trace\") whose rows carry experts");
  const auto recorded_k = static_cast<std::size_t>(batch.recorded_k);
  const auto columns = std::min<std::size_t>(recorded_k, static_cast<std::size_t>(request.depth));
  const auto depth = static_cast<std::size_t>(request.depth);
  for (std::size_t i = 0; i < batch.tokens.size(); ++i) {
    const ExpertId* recorded = batch.recorded_experts.data() + i * recorded_k;
    std::copy(recorded, recorded + columns, out.begin() + static_cast<std::ptrdiff_t>(i * depth));
  }
}

std::unique_ptr<Router> make_trace_router(const RouterConfig& config) { return std::make_unique<TraceRouter>(config); }

}  // namespace routelab
