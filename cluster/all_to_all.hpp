#pragma once
// One all-to-all over the topology under a fluid max-over-links model: every GPU pair's bytes
// flow along its path at once and share each link fairly, so the exchange ends when its most
// loaded link has drained (bytes on the link / its bandwidth), plus the longest latency among
// the pairs that sent anything. Exact for symmetric exchanges, optimistic otherwise (a link's
// flows cannot all be limited elsewhere); cheap enough to run every batch.
#include <span>
#include <vector>

#include "cluster/topology.hpp"

namespace routelab::cluster {

struct AllToAllResult {
  double time_us = 0;
  double transfer_us = 0;         // max over links of bytes / bandwidth
  double latency_us = 0;          // longest path latency among pairs that sent bytes
  int bottleneck_link = -1;       // the link that drained last; -1 when nothing crossed a link
  std::vector<double> link_bytes; // per directed link
  double bytes = 0;               // between different GPUs
  double cross_node_bytes = 0;
};

// `bytes` is gpus x gpus, row-major: bytes[from * gpus + to]; the diagonal stays on its GPU.
AllToAllResult all_to_all(const Topology& topology, std::span<const double> bytes);

}  // namespace routelab::cluster
