#include "cluster/expert_replication.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "core/errors.hpp"

namespace routelab::cluster {

Replication replicate_experts(std::span<const float> weights, int physical) {
  const int experts = static_cast<int>(weights.size());
  if (experts < 1) throw ConfigError("loads", "needs at least one expert");
  if (physical < experts)
    throw ConfigError("replicas", "needs at least one replica per expert: " + std::to_string(physical) + " replicas for " +
                                      std::to_string(experts) + " experts");
  Replication result{std::vector<int>(physical), std::vector<int>(physical, 0), std::vector<int>(experts, 1)};
  std::iota(result.phy2log.begin(), result.phy2log.begin() + experts, 0);
  for (int replica = experts; replica < physical; ++replica) {
    int hottest = 0;
    float hottest_share = weights[0] / static_cast<float>(result.logcnt[0]);
    for (int e = 1; e < experts; ++e) {
      const float share = weights[e] / static_cast<float>(result.logcnt[e]);
      if (share > hottest_share) {
        hottest = e;
        hottest_share = share;
      }
    }
    result.phy2log[replica] = hottest;
    result.replica_rank[replica] = result.logcnt[hottest];
    ++result.logcnt[hottest];
  }
  return result;
}

float max_load_per_replica(std::span<const float> weights, std::span<const int> logcnt) {
  float worst = 0;
  for (std::size_t e = 0; e < weights.size(); ++e) worst = std::max(worst, weights[e] / static_cast<float>(logcnt[e]));
  return worst;
}

}  // namespace routelab::cluster
