// `routelab eplb --format json` writes a placement file: its plan, run with placement = "file",
// is the run EPLB itself makes with that plan (examples/cluster/two-nodes.toml without re-plans,
// whose first plan sees equal loads: the loads file holds equal loads).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"

namespace routelab::testing {
namespace {

void erase_line(std::string& text, const std::string& line) {
  const auto at = text.find(line);
  ASSERT_NE(at, std::string::npos) << line;
  text.erase(at, line.size());
}

TEST(PlacementFileRoundTrip, AnEplbPlanFileRunsAsEplb) {
  ScratchDir dir;
  std::string loads = "[[1";
  for (int e = 1; e < 32; ++e) loads += ", 1";
  std::ofstream(dir / "loads.json") << loads << "]]\n";
  const CliResult plan = run_cli("eplb --loads '" + (dir / "loads.json").string() +
                                 "' --replicas 40 --groups 4 --nodes 2 --gpus 8 --format json");
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  std::ofstream(dir / "plan.json") << plan.out;

  std::string eplb = read_text(ROUTELAB_SOURCE_DIR "/examples/cluster/two-nodes.toml");
  erase_line(eplb, "rebalance_interval = 5\n");
  std::string file = eplb;
  erase_line(file, "redundant_experts = 8\n");
  file.replace(file.find("placement = \"eplb\"\n"), 19, "placement = \"file\"\nplacement_file = \"plan.json\"\n");
  std::ofstream(dir / "eplb.toml") << eplb;
  std::ofstream(dir / "file.toml") << file;

  for (const std::string timeline : {"", " --set cluster.tick_us=1"}) {
    const std::string options = " --routers hash,greedy --tokens 8192 --format json" + timeline;
    const CliResult a = run_cli("compare --scenario '" + (dir / "eplb.toml").string() + "'" + options);
    const CliResult b = run_cli("compare --scenario '" + (dir / "file.toml").string() + "'" + options);
    ASSERT_EQ(a.exit_code, 0) << a.err;
    ASSERT_EQ(b.exit_code, 0) << b.err;
    const auto ra = nlohmann::json::parse(a.out)["routers"];
    const auto rb = nlohmann::json::parse(b.out)["routers"];
    ASSERT_EQ(ra.size(), 2U);
    ASSERT_EQ(rb.size(), 2U);
    for (std::size_t i = 0; i < ra.size(); ++i) {
      const std::string router = ra[i]["router"];
      for (const char* key : {"fingerprint", "step_time_mean", "step_time_p99", "straggler_ratio", "alltoall_time_mean",
                              "cross_node_bytes_per_token", "link_utilization_max", "latency_p99"})
        EXPECT_EQ(ra[i][key], rb[i][key]) << router << " " << key << timeline;
    }
  }
}

}  // namespace
}  // namespace routelab::testing
