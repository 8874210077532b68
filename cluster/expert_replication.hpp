#pragma once
// Expert replication: spread `physical` replicas over the logical experts so that the largest
// per-replica load (an expert's load / its replica count) is as small as possible. Each extra
// replica goes to the expert whose per-replica load is currently the largest (EPLB's greedy).
#include <span>
#include <vector>

namespace routelab::cluster {

struct Replication {
  std::vector<int> phy2log;       // physical replica -> logical expert; replica e < experts is expert e
  std::vector<int> replica_rank;  // 0 for the original, 1, 2, ... for the copies, in creation order
  std::vector<int> logcnt;        // replicas per logical expert (>= 1)
};

// Throws ConfigError when `physical` is below the number of experts. Ties go to the lower expert.
Replication replicate_experts(std::span<const float> weights, int physical);

// max over experts of weights[e] / logcnt[e]: the quantity the greedy minimises.
float max_load_per_replica(std::span<const float> weights, std::span<const int> logcnt);

}  // namespace routelab::cluster
