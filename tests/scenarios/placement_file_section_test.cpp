// placement = "file": cluster.placement_file (relative to the scenario) lists each expert's GPUs
// (TOML) or holds a `routelab eplb --format json` plan; a file equal to contiguous placement runs
// exactly as contiguous; every malformed file is an error naming the file and the entry.
#include <gtest/gtest.h>

#include <fstream>

#include "scenarios/scenario_loader.hpp"
#include "tests/scenarios/cluster_runs.hpp"
#include "tests/support/scratch_dir.hpp"

namespace routelab {
namespace {

const char* const kHead = "[experts]\ncount = 4\n[length]\ntokens = 100\n[cluster]\ngpus_per_node = 2\n";

ScenarioSpec with_placement_file(const testing::ScratchDir& dir, const std::string& name, const std::string& text,
                                 const std::string& keys = "placement = \"file\"\n") {
  std::ofstream(dir / name) << text;
  const auto scenario = dir / "scenario.toml";
  std::ofstream(scenario) << kHead << keys << "placement_file = \"" << name << "\"\n";
  return load_scenario_file(scenario);
}

// The error's message without the scratch directory in front of the file names.
std::string placement_error(const std::string& name, const std::string& text,
                            const std::string& keys = "placement = \"file\"\n") {
  testing::ScratchDir dir;
  try {
    with_placement_file(dir, name, text, keys);
  } catch (const ConfigError& error) {
    std::string message = error.what();
    const std::string prefix = dir.path().string() + "/";
    for (auto at = message.find(prefix); at != std::string::npos; at = message.find(prefix)) message.erase(at, prefix.size());
    return message;
  }
  ADD_FAILURE() << "accepted " << name << ":\n" << text;
  return {};
}

TEST(PlacementFile, TomlListsReachTheSpec) {
  testing::ScratchDir dir;
  const ScenarioSpec spec = with_placement_file(dir, "placement.toml", "experts = [[0], [1, 0], [1], [0, 1]]\n",
                                                "placement = \"file\"\nreplica_choice = \"least_loaded\"\n");
  EXPECT_EQ(spec.cluster.placement, cluster::PlacementPolicy::file);
  EXPECT_EQ(spec.cluster.placement_gpus, (std::vector<std::vector<int>>{{0}, {1, 0}, {1}, {0, 1}}));
  EXPECT_EQ(spec.cluster.placement_source, (dir / "placement.toml").string());
}

TEST(PlacementFile, AnEplbPlanReachesTheSpec) {
  testing::ScratchDir dir;
  // 6 slots on 2 GPUs: slots 0-2 on GPU 0, 3-5 on GPU 1.
  const ScenarioSpec spec = with_placement_file(
      dir, "plan.json", R"({"policy": "global", "replicas": 6, "gpus": 2, "phy2log": [[0, 1, 2, 3, 0, 0]]})");
  EXPECT_EQ(spec.cluster.placement_gpus, (std::vector<std::vector<int>>{{0, 1, 1}, {0}, {0}, {1}}));
}

TEST(PlacementFile, ErrorsNameTheFileAndTheEntry) {
  const struct {
    std::string name;
    std::string text;
    std::string expected;
  } cases[] = {
      {"p.toml", "experts = [[0], [1], [0]]\n", "p.toml:1:11: experts: lists 3 experts; the scenario has 4 ([experts] count)"},
      {"p.toml", "experts = [[0], [], [0], [1]]\n",
       "p.toml:1:17: experts[1]: expected a non-empty array of GPU ids (the expert's replicas)"},
      {"p.toml", "experts = [[0], [1], [2], [1]]\n",
       "p.toml:1:23: experts[2]: GPU 2 is out of range: the cluster has 2 GPUs (0..1)"},
      {"p.toml", "experts = [[0], [1], [1, 1], [1]]\n", "p.toml:1:26: experts[2]: GPU 1 is listed twice (one replica per GPU)"},
      {"p.toml", "experts = [[0], [1], [\"a\"], [1]]\n", "p.toml:1:23: experts[2]: expected GPU ids (integers)"},
      {"p.toml", "expert = [[0], [1], [0], [1]]\n",
       "p.toml:1:1: experts: expected experts = [[gpu, ...], ...]: one list of GPU ids per expert"},
      {"p.json", R"({"gpus": 4, "phy2log": [[0, 1, 2, 3]]})", "p.json: gpus: the plan is for 4 GPUs; the cluster has 2"},
      {"p.json", R"({"gpus": 2, "phy2log": [[0, 1, 2, 3], [0, 1, 2, 3]]})",
       "p.json: phy2log: expected one layer (an array holding one array of experts); plan one layer's loads"},
      {"p.json", R"({"gpus": 2, "phy2log": [[0, 1, 2, 7]]})",
       "p.json: phy2log[0][3]: expert 7 is out of range: the scenario has 4 experts"},
      {"p.json", R"({"gpus": 2, "phy2log": [[0, 1, 2, 2]]})", "p.json: phy2log[0]: expert 3 has no slot"},
      {"p.json", R"({"gpus": 2, "phy2log": [[0, 1, 2]]})", "p.json: phy2log[0]: expected a multiple of the 2 GPUs' slots, got 3"},
      {"p.json", "[1, 2", "p.json: not valid JSON"},
  };
  for (const auto& c : cases) {
    const std::string message = placement_error(c.name, c.text);
    EXPECT_EQ(message.substr(0, c.expected.size()), c.expected) << c.text;
  }
}

TEST(PlacementFile, TheFileAndThePolicyGoTogether) {
  // Beside another policy the file is checked but unused (so --set cluster.placement=... compares).
  testing::ScratchDir dir;
  const ScenarioSpec contiguous =
      with_placement_file(dir, "p.toml", "experts = [[1], [1], [1], [1]]\n", "placement = \"contiguous\"\n");
  EXPECT_EQ(contiguous.cluster.placement, cluster::PlacementPolicy::contiguous);
  EXPECT_EQ(placement_error("p.toml", "experts = [[0], [1], [0], [1], [0]]\n", "placement = \"round_robin\"\n").substr(0, 24),
            "p.toml:1:11: experts: li");
  try {
    parse_scenario(std::string(kHead) + "placement = \"file\"\n", "nofile.toml");
    FAIL() << "accepted placement = \"file\" without a file";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(std::string(error.what()),
              "nofile.toml:7:13: cluster.placement: \"file\" needs placement_file = \"FILE\" (the GPUs of each expert's replicas)");
  }
  try {
    parse_scenario(std::string(kHead) + "placement = \"file\"\nplacement_file = \"missing.toml\"\n", "/nonexistent/s.toml");
    FAIL() << "accepted a missing placement file";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(std::string(error.what()), "/nonexistent/s.toml:8:18: cluster.placement_file: cannot read '/nonexistent/missing.toml'");
  }
}

TEST(PlacementFile, AFileEqualToContiguousRunsAsContiguous) {
  // examples/cluster/two-nodes.toml (32 experts on 8 GPUs) without EPLB: contiguous, vs a file
  // listing expert e on GPU floor(e x 8 / 32).
  std::string base = testing::read_text(ROUTELAB_SOURCE_DIR "/examples/cluster/two-nodes.toml");
  for (const char* line : {"placement = \"eplb\"\n", "redundant_experts = 8\n", "rebalance_interval = 5\n"})
    base.erase(base.find(line), std::string(line).size());
  testing::ScratchDir dir;
  std::string lists;
  for (int e = 0; e < 32; ++e) lists += (e ? ", [" : "[") + std::to_string(e * 8 / 32) + "]";
  std::ofstream(dir / "contiguous.toml") << "experts = [" << lists << "]\n";
  std::ofstream(dir / "contiguous-scenario.toml") << base;
  std::string with_file = base;
  with_file.replace(with_file.find("[cluster]\n"), 10, "[cluster]\nplacement = \"file\"\nplacement_file = \"contiguous.toml\"\n");
  std::ofstream(dir / "file-scenario.toml") << with_file;
  ScenarioSpec contiguous = load_scenario_file(dir / "contiguous-scenario.toml");
  ScenarioSpec file = load_scenario_file(dir / "file-scenario.toml");
  ASSERT_EQ(contiguous.cluster.placement, cluster::PlacementPolicy::contiguous);
  ASSERT_EQ(file.cluster.placement, cluster::PlacementPolicy::file);
  for (const double tick_us : {0.0, 1.0}) {
    contiguous.cluster.tick_us = file.cluster.tick_us = tick_us;
    for (const char* router : {"hash", "greedy"}) {
      const testing::ClusterRun a = testing::run_cluster(contiguous, router);
      const testing::ClusterRun b = testing::run_cluster(file, router);
      ASSERT_TRUE(a.result.summary.cluster);
      EXPECT_GT(a.result.summary.cluster->straggler_ratio, 1.0) << router;  // placement matters here
      testing::expect_same_cluster_run(a, b, std::string(router) + " tick_us " + std::to_string(tick_us));
    }
  }
}

}  // namespace
}  // namespace routelab
