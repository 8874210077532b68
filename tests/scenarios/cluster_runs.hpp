#pragma once
// One router's run of a scenario with a [cluster], with the step model's per-link and per-GPU
// series, and the check that two runs are the same run (fingerprint, step figures, series).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cluster/cluster_observer.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/run_builder/run_builder.hpp"

namespace routelab::testing {

struct ClusterRun {
  RunResult result;
  std::vector<double> link_busy_us;
  std::vector<std::vector<std::int64_t>> gpu_tokens;
};

inline ClusterRun run_cluster(const ScenarioSpec& spec, const std::string& router) {
  const RouterRegistry registry = builtin_router_registry();
  TrainedModelCache models;
  const RunBuilder builder(registry, models);
  auto prepared = builder.build(spec, RunKey{RouterSpec{router, {}}, 0, 0});
  ClusterRun out;
  out.result = prepared->run();
  out.link_busy_us = prepared->cluster()->link_busy_us();
  out.gpu_tokens = prepared->cluster()->gpu_tokens();
  return out;
}

inline void expect_same_cluster_run(const ClusterRun& a, const ClusterRun& b, const std::string& label) {
  const auto& sa = a.result.summary;
  const auto& sb = b.result.summary;
  ASSERT_TRUE(sa.cluster && sb.cluster) << label;
  EXPECT_EQ(sa.fingerprint, sb.fingerprint) << label;
  EXPECT_EQ(sa.cluster->step_time_mean, sb.cluster->step_time_mean) << label;
  EXPECT_EQ(sa.cluster->step_time_p99, sb.cluster->step_time_p99) << label;
  EXPECT_EQ(sa.cluster->straggler_ratio, sb.cluster->straggler_ratio) << label;
  EXPECT_EQ(sa.cluster->alltoall_time_mean, sb.cluster->alltoall_time_mean) << label;
  EXPECT_EQ(sa.cluster->cross_node_bytes_per_token, sb.cluster->cross_node_bytes_per_token) << label;
  EXPECT_EQ(sa.cluster->link_utilization_max, sb.cluster->link_utilization_max) << label;
  EXPECT_EQ(a.link_busy_us, b.link_busy_us) << label;
  EXPECT_EQ(a.gpu_tokens, b.gpu_tokens) << label;
}

}  // namespace routelab::testing
