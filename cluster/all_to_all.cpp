#include "cluster/all_to_all.hpp"

#include <algorithm>

#include "core/errors.hpp"

namespace routelab::cluster {

AllToAllResult all_to_all(const Topology& topology, std::span<const double> bytes) {
  const int gpus = topology.gpus();
  if (bytes.size() != static_cast<std::size_t>(gpus) * gpus)
    throw ConfigError("all_to_all", "expected a " + std::to_string(gpus) + " x " + std::to_string(gpus) + " byte matrix");
  AllToAllResult result;
  result.link_bytes.assign(topology.links().size(), 0.0);
  for (int from = 0; from < gpus; ++from) {
    for (int to = 0; to < gpus; ++to) {
      const double amount = bytes[from * gpus + to];
      if (from == to || amount <= 0) continue;
      const GpuPath& path = topology.path(from, to);
      for (const int link : path.links) result.link_bytes[link] += amount;
      result.latency_us = std::max(result.latency_us, path.latency_us);
      result.bytes += amount;
      if (path.crosses_nodes) result.cross_node_bytes += amount;
    }
  }
  for (std::size_t link = 0; link < result.link_bytes.size(); ++link) {
    if (result.link_bytes[link] <= 0) continue;
    const double drain = result.link_bytes[link] / (topology.links()[link].bandwidth_gbps * kBytesPerMicrosecondPerGBps);
    if (result.bottleneck_link < 0 || drain > result.transfer_us) {
      result.transfer_us = drain;
      result.bottleneck_link = static_cast<int>(link);
    }
  }
  result.time_us = result.transfer_us + result.latency_us;
  return result;
}

}  // namespace routelab::cluster
