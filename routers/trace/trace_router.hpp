#pragma once
// `trace`: replays the expert choices recorded with the tokens (TokenBatch::recorded_experts),
// e.g. the learned softmax router of DeepSeek-V2-Lite. It writes the first k recorded experts of
// each token and offers the rest of the recording as fallbacks. A batch without a recording is
// an error: this router only makes sense on a trace scenario.
#include <memory>

#include "core/router.hpp"
#include "routers/router_config.hpp"

namespace routelab {

class TraceRouter : public Router {
 public:
  explicit TraceRouter(const RouterConfig& config);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;
  int max_depth(int k, int num_experts) const override;
};

std::unique_ptr<Router> make_trace_router(const RouterConfig& config);

}  // namespace routelab
