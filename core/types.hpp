#pragma once
// Plain data shared by the engine, the routers and the workloads.
#include <cstdint>
#include <span>

namespace routelab {

using Tick = std::int64_t;
using ExpertId = std::int32_t;
inline constexpr ExpertId kNoExpert = -1;
// A token's row degree when it carries none: every expert is eligible (see TokenBatch::row_degrees).
inline constexpr std::int32_t kAllExperts = -1;

struct Token {
  std::uint64_t id = 0;
  std::uint64_t key = 0;          // vocabulary id, or a hash of the token text
  Tick arrival = 0;
  std::int32_t token_class = -1;  // semantic class; -1 when the workload has none
};

// One batch as the workload hands it out: non-owning views, valid until the workload's next call.
struct TokenBatch {
  Tick tick = 0;
  std::uint64_t index = 0;
  std::span<const Token> tokens;
  int embedding_dim = 0;
  std::span<const float> embeddings;  // tokens.size() x embedding_dim, row-major; empty if dim = 0
  // Expert choices recorded with the tokens (trace replay): tokens.size() x recorded_k, row-major,
  // padded with kNoExpert; empty when the workload recorded none. Only the `trace` router reads it.
  int recorded_k = 0;
  std::span<const ExpertId> recorded_experts{};  // {}: five-field initializers stay warning-free
  // Per-token row degrees (s_i of the phase router spec): how many experts token i is eligible for,
  // 0..E, or kAllExperts for the router's default. Empty (every ordinary workload) = all tokens at
  // the default. Only the `phase` router reads it; every other router ignores it.
  std::span<const std::int32_t> row_degrees{};
};

}  // namespace routelab
