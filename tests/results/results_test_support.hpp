#pragma once
// Small results databases made by hand for the results tests.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "results/results_store.hpp"

namespace routelab::results::testing {

inline std::filesystem::path fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / ("routelab-results-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline StoreIdentity identity(const std::string& plan = "plan-a", const std::string& version = "v1") {
  StoreIdentity id;
  id.plan_fingerprint = plan;
  id.program_version = version;
  id.sweep_name = "test sweep";
  id.sweep_text = "scenario = 'default'\n";
  id.base_scenario = "builtin:default";
  id.planned_runs = 6;
  id.columns = {{"routing.k", ColumnRole::parameter, ColumnType::any},
                {"drop_rate", ColumnRole::metric, ColumnType::real},
                {"tokens", ColumnRole::metric, ColumnType::integer},
                {"fingerprint", ColumnRole::metric, ColumnType::text},
                {"wall_seconds", ColumnRole::wall, ColumnType::real}};
  return id;
}

// Run `i` of a 3-point x 2-router plan; its metrics are a function of i (and `wall`, which
// comparisons must ignore).
inline std::string numbered(const char* prefix, int i) {  // (avoids a GCC 12 -Wrestrict false alarm)
  std::string text = prefix;
  text += std::to_string(i);
  return text;
}

inline RunRecord record(int i, double wall = 0.5) {
  RunRecord r;
  r.run_id = numbered("run", i);
  r.params_fingerprint = numbered("fp", i);
  r.point_id = numbered("point", i / 2);
  r.plan_index = i;
  r.parameters = numbered("routing.k = ", i / 2 + 1);
  r.router = i % 2 ? "hash" : "greedy";
  r.router_name = r.router;
  r.replication = 0;
  r.master_seed = "18446744073709551615";
  r.workload_seed = std::string("1");
  r.router_seed = std::string("2");
  r.cells = {std::int64_t{i / 2 + 1}, 0.01 * i, std::int64_t{1000 + i}, numbered("fp", i), wall};
  r.windows = {WindowRow{0, 0, 10, 100, i, 3, 1.5, 0.7, 0.9}};
  return r;
}

}  // namespace routelab::results::testing
