// EPLB: DeepSeek's published README example reproduced exactly; on random loads the replica counts
// reach the brute-force optimum of max load per replica, every GPU stays within the packing bound,
// and the hierarchical policy keeps each expert group on one node.
#include <gtest/gtest.h>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <algorithm>
#include <functional>
#include <numeric>
#include <set>

#include "cluster/balanced_packing.hpp"
#include "cluster/eplb.hpp"
#include "cluster/expert_replication.hpp"
#include "core/errors.hpp"

namespace routelab::cluster {
namespace {

// github.com/deepseek-ai/EPLB README: two layers of 12 experts, 16 replicas, 4 groups, 2 nodes, 8 GPUs.
const std::vector<std::vector<float>> kReadmeLoads = {
    {90, 132, 40, 61, 104, 165, 39, 4, 73, 56, 183, 86},
    {20, 107, 104, 64, 19, 197, 187, 157, 172, 86, 16, 27}};

TEST(Eplb, ReproducesDeepSeekReadmeExample) {
  const EplbShape shape{.replicas = 16, .groups = 4, .nodes = 2, .gpus = 8};
  const EplbPlan plan = rebalance_experts(kReadmeLoads, shape);
  EXPECT_EQ(plan.policy, EplbPolicy::hierarchical);
  ASSERT_EQ(plan.layers.size(), 2U);
  // The README's printed phy2log.
  EXPECT_EQ(plan.layers[0].phy2log, (std::vector<int>{5, 6, 5, 7, 8, 4, 3, 4, 10, 9, 10, 2, 0, 1, 11, 1}));
  EXPECT_EQ(plan.layers[1].phy2log, (std::vector<int>{7, 10, 6, 8, 6, 11, 8, 9, 2, 4, 5, 1, 5, 0, 3, 1}));
  EXPECT_EQ(plan.layers[0].logcnt, (std::vector<int>{1, 2, 1, 1, 2, 2, 1, 1, 1, 1, 2, 1}));
  EXPECT_EQ(plan.layers[1].logcnt, (std::vector<int>{1, 2, 1, 1, 1, 2, 2, 1, 2, 1, 1, 1}));
}

TEST(Eplb, PolicyFollowsTheShape) {
  EXPECT_EQ(eplb_policy({.replicas = 16, .groups = 4, .nodes = 2, .gpus = 8}), EplbPolicy::hierarchical);
  EXPECT_EQ(eplb_policy({.replicas = 16, .groups = 3, .nodes = 2, .gpus = 8}), EplbPolicy::global);
}

TEST(Eplb, BadShapesNameTheirField) {
  const auto field_of = [](const EplbShape& shape) {
    try {
      rebalance_layer(kReadmeLoads[0], shape);
    } catch (const ConfigError& error) {
      return error.field();
    }
    return std::string("(none)");
  };
  EXPECT_EQ(field_of({.replicas = 8, .groups = 4, .nodes = 2, .gpus = 8}), "replicas");   // fewer than experts
  EXPECT_EQ(field_of({.replicas = 18, .groups = 4, .nodes = 2, .gpus = 8}), "replicas");  // not a multiple of gpus
  EXPECT_EQ(field_of({.replicas = 16, .groups = 4, .nodes = 3, .gpus = 8}), "gpus");      // gpus % nodes
  EXPECT_EQ(field_of({.replicas = 16, .groups = 8, .nodes = 2, .gpus = 8}), "groups");    // 12 % 8
}

// Every count vector with each count >= 1 summing to `total`, by recursion.
void for_each_count_vector(int experts, int total, const std::function<void(const std::vector<int>&)>& visit) {
  std::vector<int> counts(experts, 1);
  std::function<void(int, int)> fill = [&](int e, int left) {
    if (e == experts - 1) {
      counts[e] = 1 + left;
      visit(counts);
      return;
    }
    for (int extra = 0; extra <= left; ++extra) {
      counts[e] = 1 + extra;
      fill(e + 1, left - extra);
    }
  };
  fill(0, total - experts);
}

TEST(Eplb, ReplicaCountsReachTheBruteForceOptimum) {
  boost::random::mt19937 rng(20260412);
  for (int trial = 0; trial < 300; ++trial) {
    const int experts = boost::random::uniform_int_distribution<int>(1, 6)(rng);
    const int physical = experts + boost::random::uniform_int_distribution<int>(0, 6)(rng);
    std::vector<float> loads(experts);
    for (auto& load : loads) load = static_cast<float>(boost::random::uniform_int_distribution<int>(0, 200)(rng));
    const Replication greedy = replicate_experts(loads, physical);
    float best = std::numeric_limits<float>::infinity();
    for_each_count_vector(experts, physical, [&](const std::vector<int>& counts) {
      best = std::min(best, max_load_per_replica(loads, counts));
    });
    EXPECT_EQ(max_load_per_replica(loads, greedy.logcnt), best) << "trial " << trial;
    EXPECT_EQ(std::accumulate(greedy.logcnt.begin(), greedy.logcnt.end(), 0), physical);
    // phy2log and replica_rank agree with the counts: expert e's copies are ranks 0..logcnt[e]-1.
    std::vector<std::set<int>> ranks(experts);
    for (int p = 0; p < physical; ++p) ranks[greedy.phy2log[p]].insert(greedy.replica_rank[p]);
    for (int e = 0; e < experts; ++e) {
      ASSERT_EQ(static_cast<int>(ranks[e].size()), greedy.logcnt[e]);
      EXPECT_EQ(*ranks[e].rbegin(), greedy.logcnt[e] - 1);
    }
  }
}

TEST(Eplb, BalancedPackingFillsEveryPackAndStaysWithinTheBound) {
  // Heaviest-first into the lightest pack with room: no pack ends above mean + heaviest item.
  boost::random::mt19937 rng(7);
  for (int trial = 0; trial < 2000; ++trial) {
    const int packs = boost::random::uniform_int_distribution<int>(1, 6)(rng);
    const int per_pack = boost::random::uniform_int_distribution<int>(1, 6)(rng);
    std::vector<float> weights(packs * per_pack);
    for (auto& w : weights) w = static_cast<float>(boost::random::uniform_int_distribution<int>(0, 1000)(rng));
    const Packing packing = balanced_packing(weights, packs);
    std::vector<double> load(packs, 0);
    std::vector<std::set<int>> ranks(packs);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      load[packing.pack[i]] += weights[i];
      ranks[packing.pack[i]].insert(packing.rank_in_pack[i]);
    }
    const double mean = std::accumulate(weights.begin(), weights.end(), 0.0) / packs;
    const double heaviest = *std::max_element(weights.begin(), weights.end());
    for (int p = 0; p < packs; ++p) {
      EXPECT_EQ(static_cast<int>(ranks[p].size()), per_pack);  // exactly n/m items, ranks 0..n/m-1
      EXPECT_LE(load[p], mean + heaviest + 1e-6) << "trial " << trial;
    }
  }
}

double gpu_load(const EplbLayerPlan& plan, const std::vector<float>& loads, const EplbShape& shape, int gpu) {
  const int per_gpu = shape.replicas / shape.gpus;
  double sum = 0;
  for (int slot = gpu * per_gpu; slot < (gpu + 1) * per_gpu; ++slot)
    sum += loads[plan.phy2log[slot]] / static_cast<double>(plan.logcnt[plan.phy2log[slot]]);
  return sum;
}

TEST(Eplb, RandomPlansAreConsistentAndWithinTheGpuBound) {
  boost::random::mt19937 rng(99);
  for (int trial = 0; trial < 400; ++trial) {
    const int nodes = boost::random::uniform_int_distribution<int>(1, 4)(rng);
    const int groups = nodes * boost::random::uniform_int_distribution<int>(1, 3)(rng) + (trial % 3 == 0 ? 1 : 0);
    const int gpus = nodes * boost::random::uniform_int_distribution<int>(1, 4)(rng);
    const int experts = groups * boost::random::uniform_int_distribution<int>(1, 4)(rng);
    int replicas = gpus * boost::random::uniform_int_distribution<int>(1, 4)(rng);
    while (replicas < experts + (experts % nodes == 0 ? 0 : nodes)) replicas += gpus;
    const EplbShape shape{.replicas = replicas, .groups = groups, .nodes = nodes, .gpus = gpus};
    std::vector<float> loads(experts);
    for (auto& load : loads) load = static_cast<float>(boost::random::uniform_real_distribution<double>(0, 500)(rng));
    EplbLayerPlan plan;
    try {
      plan = rebalance_layer(loads, shape);
    } catch (const ConfigError&) {
      continue;  // a hierarchical shape whose nodes get fewer slots than experts
    }
    const bool hierarchical = eplb_policy(shape) == EplbPolicy::hierarchical;
    const int scope_nodes = hierarchical ? nodes : 1;
    const int slots_per_scope = replicas / scope_nodes;
    const int gpus_per_scope = gpus / scope_nodes;
    std::vector<int> counted(experts, 0);
    for (int p = 0; p < replicas; ++p) ++counted[plan.phy2log[p]];
    EXPECT_EQ(counted, plan.logcnt) << "trial " << trial;
    for (int scope = 0; scope < scope_nodes; ++scope) {
      double total = 0;
      double heaviest = 0;
      std::set<int> held;
      for (int slot = scope * slots_per_scope; slot < (scope + 1) * slots_per_scope; ++slot) {
        const int e = plan.phy2log[slot];
        held.insert(e);
        const double share = loads[e] / static_cast<double>(plan.logcnt[e]);
        total += share;
        heaviest = std::max(heaviest, share);
      }
      for (int g = scope * gpus_per_scope; g < (scope + 1) * gpus_per_scope; ++g)
        EXPECT_LE(gpu_load(plan, loads, shape, g), total / gpus_per_scope + heaviest + 1e-3) << "trial " << trial;
      if (hierarchical) {  // whole groups per node: every expert of a held group is held here
        const int group_size = experts / groups;
        for (const int e : held)
          for (int peer = e / group_size * group_size; peer < (e / group_size + 1) * group_size; ++peer)
            EXPECT_TRUE(held.count(peer)) << "trial " << trial << " expert " << e << " peer " << peer;
      }
    }
  }
}

}  // namespace
}  // namespace routelab::cluster
