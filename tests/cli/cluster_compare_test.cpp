// `compare` with a [cluster]: a one-GPU cluster with free links leaves the run exactly today's
// (the golden fingerprints of the default scenario, every other figure equal), the cluster figures
// appear per router only when the scenario has a cluster, and the library's ep-* scenarios run.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>
#include <nlohmann/json.hpp>

#include "scenarios/scenario_library.hpp"
#include "tests/cli/cli_runner.hpp"

namespace routelab::testing {
namespace {

const char* const kClusterKeys[] = {"step_time_mean",     "step_time_p50",      "step_time_p99",
                                    "straggler_ratio",    "alltoall_time_mean", "cross_node_bytes_per_token",
                                    "link_utilization_max", "cluster_tokens_per_second"};

std::string builtin_text(const std::string& name) {
  for (const auto& scenario : builtin_scenarios())
    if (scenario.name == name) return std::string(scenario.toml_text);
  ADD_FAILURE() << "no builtin " << name;
  return {};
}

TEST(ClusterCompare, OneGpuClusterWithFreeLinksGivesTodaysFingerprints) {
  ScratchDir dir;
  const auto file = dir / "default-one-gpu.toml";
  std::ofstream(file) << builtin_text("default") << "\n[cluster]\nnodes = 1\ngpus_per_node = 1\n";
  const CliResult with = run_cli("compare --scenario '" + file.string() + "' --format json");
  const CliResult without = run_cli("compare --format json");
  ASSERT_EQ(with.exit_code, 0) << with.err;
  ASSERT_EQ(without.exit_code, 0) << without.err;
  const auto a = nlohmann::json::parse(with.out);
  const auto b = nlohmann::json::parse(without.out);
  std::ifstream golden_file(ROUTELAB_SOURCE_DIR "/tests/golden/default_fingerprints.json");
  const auto golden = nlohmann::json::parse(golden_file);
  ASSERT_EQ(a["routers"].size(), b["routers"].size());
  for (std::size_t i = 0; i < a["routers"].size(); ++i) {
    auto with_router = a["routers"][i];
    auto without_router = b["routers"][i];
    const std::string router = with_router["router"];
    EXPECT_EQ(with_router["fingerprint"], golden["fingerprints"][router]) << router;
    for (const char* key : kClusterKeys) {
      EXPECT_TRUE(with_router.contains(key)) << router << " " << key;
      EXPECT_FALSE(without_router.contains(key)) << router << " " << key;
      with_router.erase(key);
    }
    // Free links and no compute cost: steps take no time.
    EXPECT_EQ(a["routers"][i]["step_time_mean"], 0.0);
    EXPECT_EQ(a["routers"][i]["straggler_ratio"], 1.0);
    for (const char* wall : {"wall_seconds", "events_per_second"}) {
      with_router.erase(wall);
      without_router.erase(wall);
    }
    EXPECT_EQ(with_router, without_router) << router;
  }
}

TEST(ClusterCompare, LibraryClusterScenariosReportStepFigures) {
  for (const char* scenario : {"ep-mixtral", "ep-deepseek-trace"}) {
    const CliResult result = run_cli(std::string("compare --scenario ") + scenario + " --format json --tokens 20480");
    ASSERT_EQ(result.exit_code, 0) << scenario << ": " << result.err;
    const auto report = nlohmann::json::parse(result.out);
    for (const auto& router : report["routers"]) {
      for (const char* key : kClusterKeys) ASSERT_TRUE(router.contains(key)) << scenario << " " << key;
      EXPECT_GT(router["step_time_mean"].get<double>(), 0) << scenario;
      EXPECT_LE(router["step_time_p50"].get<double>(), router["step_time_p99"].get<double>()) << scenario;
      EXPECT_GE(router["straggler_ratio"].get<double>(), 1.0 - 1e-12) << scenario;
      EXPECT_EQ(router["cross_node_bytes_per_token"].get<double>(), 0.0) << scenario << ": one node";
      EXPECT_GT(router["cluster_tokens_per_second"].get<double>(), 0) << scenario;
    }
  }
}

TEST(ClusterCompare, TheAggregateOverReplicationsHasTheStepFigures) {
  const CliResult result = run_cli("compare --scenario ep-mixtral --routers hash,greedy --replications 3 --format json --tokens 20480");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  ASSERT_EQ(report["aggregate"].size(), 2U);
  for (const auto& entry : report["aggregate"]) {
    double sum = 0;
    int runs = 0;
    for (const auto& run : report["routers"])
      if (run["router"] == entry["router"]) sum += run["step_time_mean"].get<double>(), ++runs;
    ASSERT_EQ(runs, 3) << entry["router"];
    for (const char* key : kClusterKeys) ASSERT_TRUE(entry["metrics"].contains(key)) << key;
    EXPECT_NEAR(entry["metrics"]["step_time_mean"]["mean"].get<double>(), sum / 3, 1e-9 * sum);
  }
  // hash's steps are longer than greedy's, replication by replication.
  EXPECT_LT(report["aggregate"][1]["paired_difference"]["step_time_mean"]["mean_difference"].get<double>(), 0);
  // A scenario without a cluster keeps them out.
  const CliResult plain = run_cli("compare --routers hash --replications 2 --format json --tokens 20000");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_FALSE(nlohmann::json::parse(plain.out)["aggregate"][0]["metrics"].contains("step_time_mean"));
}

TEST(ClusterCompare, GroupLimitedRoutingIsScoredByQuality) {
  // On a scenario with a quality model, limiting each token to one expert group costs the
  // quality-seeking router expert loss (its best experts are often in two groups); for the
  // load-first greedy it costs little, and with each token's copies on one GPU fewer bytes cross nodes.
  const std::string base = "compare --scenario '" ROUTELAB_SOURCE_DIR
                           "/examples/cluster/group-limited-quality.toml' --routers softmax_topk,greedy --tokens 20480 --format json";
  const CliResult limited = run_cli(base);
  const CliResult free = run_cli(base + " --set cluster.max_groups_per_token=0");
  ASSERT_EQ(limited.exit_code, 0) << limited.err;
  ASSERT_EQ(free.exit_code, 0) << free.err;
  const auto a = nlohmann::json::parse(limited.out)["routers"][0];
  const auto b = nlohmann::json::parse(free.out)["routers"][0];
  ASSERT_TRUE(a.contains("quality") && b.contains("quality"));
  EXPECT_GT(a["quality"]["expert_loss_mean"].get<double>(), b["quality"]["expert_loss_mean"].get<double>() + 0.1);
  EXPECT_GE(a["quality"]["expert_loss_mean"].get<double>(), a["quality"]["expert_loss_best"].get<double>());
  const auto greedy_limited = nlohmann::json::parse(limited.out)["routers"][1];
  const auto greedy_free = nlohmann::json::parse(free.out)["routers"][1];
  EXPECT_LT(greedy_limited["quality"]["expert_loss_mean"].get<double>() - greedy_free["quality"]["expert_loss_mean"].get<double>(), 0.05);
  EXPECT_LT(greedy_limited["cross_node_bytes_per_token"].get<double>(), greedy_free["cross_node_bytes_per_token"].get<double>());
}

TEST(ClusterCompare, DeepSeekV3CrossesNodes) {
  const CliResult result = run_cli("compare --scenario ep-deepseek-v3 --routers hash,greedy --format json --tokens 8192");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  for (const auto& router : report["routers"]) {
    // 8 copies x hidden 7168 x 2 bytes, there and back, at most; experts spread over 4 nodes send
    // about 3/4 of them across.
    const double most = 2 * 8 * 7168 * 2;
    EXPECT_GT(router["cross_node_bytes_per_token"].get<double>(), 0.5 * most);
    EXPECT_LE(router["cross_node_bytes_per_token"].get<double>(), most * (1 + 1e-12));
  }
  // The balanced router's step is shorter than the hash router's (its busiest GPU is less busy).
  EXPECT_LT(report["routers"][1]["step_time_mean"].get<double>(), report["routers"][0]["step_time_mean"].get<double>());
}


TEST(ClusterCompare, OutWritesPerGpuAndPerLinkSeries) {
  ScratchDir dir;
  const auto out = dir / "results";
  const CliResult result = run_cli("compare --scenario ep-mixtral --routers hash,greedy --tokens 8192 --format json --out '" +
                                   out.string() + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  for (const auto& router : report["routers"]) {
    const std::string name = router["router"];
    const auto gpus = read_csv(out / name / "cluster_gpus.csv", "step,gpu,node,tokens,step_us");
    ASSERT_EQ(gpus.size(), 2 * 8U) << name;  // 2 steps x 8 GPUs
    std::int64_t copies = 0;
    for (const auto& row : gpus) copies += std::stoll(row[3]);
    EXPECT_EQ(copies, 8192 * 2) << name;  // every top-2 copy computed somewhere (no drops)
    const auto links = read_csv(out / name / "cluster_links.csv", "link,from,to,bandwidth_gbps,busy_us,utilization");
    ASSERT_EQ(links.size(), 16U) << name;  // 8 GPU-switch links, both directions
    double busiest = 0;
    for (const auto& row : links) busiest = std::max(busiest, std::stod(row[5]));
    EXPECT_NEAR(busiest, router["link_utilization_max"].get<double>(), 1e-5) << name;
  }
}

}  // namespace
}  // namespace routelab::testing
