// The `trace` router writes the recorded experts: the first k as assignments, the rest as
// fallbacks; without a recording it refuses loudly.
#include <gtest/gtest.h>

#include <limits>

#include "core/errors.hpp"
#include "routers/router_registry.hpp"

namespace routelab {
namespace {

struct Fixture {
  std::vector<Token> tokens{Token{0, 10, 0, -1}, Token{1, 11, 0, -1}};
  std::vector<ExpertId> recorded{4, 7, 1, 9, 2, 3};  // 2 tokens x 3 recorded experts
  std::vector<std::int64_t> load = std::vector<std::int64_t>(16, 0);
  std::vector<std::int32_t> capacity = std::vector<std::int32_t>(16, std::numeric_limits<std::int32_t>::max());

  std::vector<ExpertId> route(int k, int depth, int recorded_k) {
    const auto registry = builtin_router_registry();
    RouterConfig config;
    config.name = "trace";
    config.num_experts = 16;
    config.k = k;
    auto router = registry.create(config);
    TokenBatch batch{0, 0, tokens, 0, {}, recorded_k, recorded_k > 0 ? std::span<const ExpertId>(recorded) : std::span<const ExpertId>()};
    RoutingRequest request{batch, k, depth, 16, load, capacity};
    std::vector<ExpertId> out(tokens.size() * static_cast<std::size_t>(depth), kNoExpert);
    router->route(request, out);
    return out;
  }
};

TEST(TraceRouter, WritesTheRecordedExperts) {
  Fixture f;
  EXPECT_EQ(f.route(2, 2, 3), (std::vector<ExpertId>{4, 7, 9, 2}));
  EXPECT_EQ(f.route(2, 4, 3), (std::vector<ExpertId>{4, 7, 1, -1, 9, 2, 3, -1}));  // fallbacks, then padding
}

TEST(TraceRouter, RefusesBatchesWithoutARecording) {
  Fixture f;
  EXPECT_THROW(f.route(1, 1, 0), ConfigError);
}

TEST(TraceRouter, IsRegisteredAsNeedingATrace) {
  const auto registry = builtin_router_registry();
  const RouterInfo& info = registry.find("trace");
  EXPECT_TRUE(info.needs_trace);
  EXPECT_FALSE(info.randomized);
  for (const auto& entry : registry.entries()) {
    if (entry.name != "trace") {
      EXPECT_FALSE(entry.needs_trace) << entry.name;
    }
  }
}

}  // namespace
}  // namespace routelab
