#pragma once
// Calls a router directly, outside the engine: builds the request the engine would build and
// returns the flat tokens x depth table it wrote.
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/rng_streams.hpp"
#include "routers/router_registry.hpp"

namespace routelab::testing {

// Every harness batch carries embeddings, a pure function of each token's key (identical keys,
// identical embeddings), so learned routers run here too; other routers ignore them.
inline constexpr int kHarnessEmbeddingDim = 4;

inline void key_embedding(std::uint64_t key, std::span<float> out) {
  for (std::size_t d = 0; d < out.size(); ++d)
    out[d] = static_cast<float>(static_cast<double>(mix64(key * 31 + d) >> 11) * 0x1.0p-53 * 2.0 - 1.0);
}

// A small model for a learned router: trained on 256 key-derived tokens with hashed expert losses
// and weights (what it learns does not matter here, only that it is a valid model). Cached.
inline const std::string& harness_model(const RouterInfo& info, int num_experts, int k) {
  static std::map<std::tuple<std::string, int, int>, std::string> cache;
  auto& model = cache[{info.name, num_experts, k}];
  if (!model.empty()) return model;
  TrainingSet set;
  set.dim = kHarnessEmbeddingDim;
  set.experts = num_experts;
  set.k = k;
  set.batch_size = 64;
  set.seed = 5;
  set.expert_rows = 2;
  set.embeddings.resize(256 * kHarnessEmbeddingDim);
  for (std::uint64_t t = 0; t < 256; ++t) key_embedding(t, std::span(set.embeddings).subspan(t * kHarnessEmbeddingDim, kHarnessEmbeddingDim));
  for (std::uint64_t i = 0; i < 256u * static_cast<std::uint64_t>(num_experts); ++i)
    set.expert_loss.push_back(static_cast<float>(mix64(i) % 1000) / 500.0F);
  for (std::uint64_t i = 0; i < 2u * kHarnessEmbeddingDim * static_cast<std::uint64_t>(num_experts); ++i)
    set.expert_weights.push_back(static_cast<float>(mix64(i + 77) % 1000) / 500.0F - 1.0F);
  RouterConfig config;
  config.name = info.name;
  config.num_experts = num_experts;
  config.k = k;
  model = info.trainer(set, config).json;
  return model;
}

inline std::unique_ptr<Router> make_router(const std::string& name, std::uint64_t seed, int num_experts, int k) {
  const RouterRegistry registry = builtin_router_registry();
  RouterConfig config;
  config.name = name;
  config.seed = seed;
  config.num_experts = num_experts;
  config.k = k;
  if (const RouterInfo& info = registry.find(name); info.trainer) config.model_json = harness_model(info, num_experts, k);
  return registry.create(config);
}

// Tokens whose keys are given; ids count from `first_id`.
inline std::vector<Token> tokens_with_keys(const std::vector<std::uint64_t>& keys, std::uint64_t first_id = 0) {
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < keys.size(); ++i) tokens.push_back(Token{first_id + i, keys[i], 0, -1});
  return tokens;
}

// `count` tokens with distinct keys first_key, first_key + 1, ...
inline std::vector<Token> distinct_tokens(std::size_t count, std::uint64_t first_key = 0) {
  std::vector<std::uint64_t> keys(count);
  for (std::size_t i = 0; i < count; ++i) keys[i] = first_key + i;
  return tokens_with_keys(keys, first_key);
}

struct RouteCall {
  RouteCall(int experts, int slots, int columns = 0, std::vector<std::int64_t> loads = {})
      : num_experts(experts), k(slots), depth(columns), load(std::move(loads)) {}

  int num_experts;
  int k;
  int depth;                             // 0: k
  std::vector<std::int64_t> load;        // outstanding per expert; empty: all zero
  std::vector<std::int32_t> capacity;    // empty: unlimited
  Tick tick = 0;
  std::uint64_t batch_index = 0;
};

// Routes one batch; the output has exactly tokens x depth entries, pre-filled with -1.
inline std::vector<ExpertId> route_batch(Router& router, const std::vector<Token>& tokens, const RouteCall& call) {
  const int depth = call.depth > 0 ? call.depth : call.k;
  std::vector<std::int64_t> load = call.load;
  load.resize(static_cast<std::size_t>(call.num_experts), 0);
  std::vector<std::int32_t> capacity = call.capacity;
  capacity.resize(static_cast<std::size_t>(call.num_experts), std::numeric_limits<std::int32_t>::max());
  std::vector<float> embeddings(tokens.size() * kHarnessEmbeddingDim);
  for (std::size_t i = 0; i < tokens.size(); ++i)
    key_embedding(tokens[i].key, std::span(embeddings).subspan(i * kHarnessEmbeddingDim, kHarnessEmbeddingDim));
  const TokenBatch batch{call.tick, call.batch_index, tokens, kHarnessEmbeddingDim, embeddings};
  const RoutingRequest request{batch, call.k, depth, call.num_experts, load, capacity};
  std::vector<ExpertId> out(tokens.size() * static_cast<std::size_t>(depth), kNoExpert);
  out.shrink_to_fit();  // so that a write past the end is a heap overflow the sanitizers see
  router.route(request, out);
  return out;
}

// Assignments per expert in the first k columns of a routed table.
inline std::vector<std::int64_t> loads_of(const std::vector<ExpertId>& table, int depth, int k, int num_experts) {
  std::vector<std::int64_t> loads(static_cast<std::size_t>(num_experts), 0);
  for (std::size_t row = 0; row * static_cast<std::size_t>(depth) < table.size(); ++row)
    for (int c = 0; c < k; ++c) {
      const ExpertId e = table[row * static_cast<std::size_t>(depth) + static_cast<std::size_t>(c)];
      if (e != kNoExpert) ++loads[static_cast<std::size_t>(e)];
    }
  return loads;
}

}  // namespace routelab::testing
