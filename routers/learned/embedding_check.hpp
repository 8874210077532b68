#pragma once
// Learned routers read token embeddings; a stream without them (or of another width) is a
// configuration error, not something to route around silently.
#include <string>

#include "core/errors.hpp"
#include "core/types.hpp"

namespace routelab {

inline void require_embeddings(const TokenBatch& batch, int dim, const std::string& router) {
  if (batch.embedding_dim == dim) return;
  if (batch.embedding_dim == 0)
    throw ConfigError("router.model", "router '" + router +
                                          "' reads token embeddings, and this stream has none (use a semantic "
                                          "scenario, e.g. semantic-clusters)");
  throw ConfigError("router.model", "router '" + router + "' was trained on " + std::to_string(dim) +
                                        "-dimensional embeddings; this stream carries " +
                                        std::to_string(batch.embedding_dim));
}

}  // namespace routelab
