// Issue 16 item 12 end to end: a trace that does not fit the scenario is exit code 2 with the file
// (and line) named, never 0 tokens with exit code 0 or absent layers averaged in as zeros.
#include <gtest/gtest.h>

#include "tests/cli/cli_runner.hpp"

namespace routelab {
namespace {

using testing::run_cli;
using testing::ScratchDir;

const std::string kMisfit = std::string(ROUTELAB_SOURCE_DIR) + "/tests/data/traces/misfit/";

// experts.count = 8, routing.k = 2, replaying `file`.
std::string scenario_file(const ScratchDir& dir, const std::string& file) {
  const auto path = dir / "trace.toml";
  std::ofstream(path) << "[experts]\ncount = 8\n[tokens]\nkind = \"trace\"\n[trace]\npath = \"" << kMisfit << file
                      << "\"\n[routing]\nk = 2\n";
  return "'" + path.string() + "'";
}

TEST(TraceFitCli, AbsentLayerIsExitCodeTwoNamingTheFileAndLayersPresent) {
  ScratchDir dir;
  const auto result = run_cli("run --router trace --scenario " + scenario_file(dir, "layer3-only.jsonl") + " --layer 1");
  EXPECT_EQ(result.exit_code, 2) << result.out;
  EXPECT_TRUE(result.out.empty()) << result.out;
  EXPECT_NE(result.err.find("layer3-only.jsonl' holds no rows of layer 1; it has layer 3"), std::string::npos)
      << result.err;
}

TEST(TraceFitCli, LayerAllRunsOnlyTheLayersPresent) {
  // Layer 3 alone holds 3 tokens: the layered run is that layer's run, not an average with two
  // empty layers (which gave a third of the tokens before).
  ScratchDir dir;
  const auto all = run_cli("run --router trace --format json --scenario " + scenario_file(dir, "layer3-only.jsonl") +
                           " --layer all");
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const auto three = run_cli("run --router trace --format json --scenario " +
                             scenario_file(dir, "layer3-only.jsonl") + " --layer 3");
  ASSERT_EQ(three.exit_code, 0) << three.err;
  EXPECT_NE(all.out.find("\"tokens\": 3"), std::string::npos) << all.out;
  EXPECT_EQ(all.out.find("\"layer\": 1"), std::string::npos) << all.out;
  EXPECT_EQ(all.out.find("\"layer\": 2"), std::string::npos) << all.out;
}

TEST(TraceFitCli, MisfitRowsNameFileAndLineAndAreSkippable) {
  ScratchDir dir;
  const auto scenario = scenario_file(dir, "expert-beyond-count.csv");
  const auto failed = run_cli("run --router trace --scenario " + scenario);
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_NE(failed.err.find("expert-beyond-count.csv:3: the row records expert 12"), std::string::npos) << failed.err;
  const auto skipped = run_cli("run --router trace --skip-bad-rows --format json --scenario " + scenario);
  EXPECT_EQ(skipped.exit_code, 0) << skipped.err;
  EXPECT_NE(skipped.out.find("\"tokens\": 2"), std::string::npos) << skipped.out;
  const auto short_k = run_cli("run --router trace --scenario " + scenario_file(dir, "fewer-than-k.csv"));
  EXPECT_EQ(short_k.exit_code, 2);
  EXPECT_NE(short_k.err.find("fewer-than-k.csv:2"), std::string::npos) << short_k.err;
  EXPECT_NE(short_k.err.find("routing.k = 2"), std::string::npos) << short_k.err;
}

}  // namespace
}  // namespace routelab
