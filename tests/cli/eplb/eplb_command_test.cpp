// `routelab eplb` end to end: DeepSeek's README example (shipped in examples/eplb/) printed exactly
// as their rebalance_experts prints it, the JSON form, and exit code 2 naming the file and field
// on bad input.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"

namespace routelab::testing {
namespace {

const std::string kExample = "'" ROUTELAB_SOURCE_DIR "/examples/eplb/deepseek-readme-loads.json'";
const std::string kShape = " --replicas 16 --groups 4 --nodes 2 --gpus 8";

TEST(EplbCommand, PrintsTheReadmePlan) {
  const CliResult result = run_cli("eplb --loads " + kExample + kShape);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("policy: hierarchical"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("  [  5,   6,   5,   7,   8,   4,   3,   4,  10,   9,  10,   2,   0,   1,  11,   1]"),
            std::string::npos) << result.out;
  EXPECT_NE(result.out.find("  [  7,  10,   6,   8,   6,  11,   8,   9,   2,   4,   5,   1,   5,   0,   3,   1]"),
            std::string::npos) << result.out;
}

TEST(EplbCommand, JsonHasPhy2logLogcntAndLog2phy) {
  const CliResult result = run_cli("eplb --loads " + kExample + kShape + " --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["policy"], "hierarchical");
  EXPECT_EQ(json["phy2log"][1].get<std::vector<int>>(), (std::vector<int>{7, 10, 6, 8, 6, 11, 8, 9, 2, 4, 5, 1, 5, 0, 3, 1}));
  EXPECT_EQ(json["logcnt"][0].get<std::vector<int>>(), (std::vector<int>{1, 2, 1, 1, 2, 2, 1, 1, 1, 1, 2, 1}));
  // log2phy inverts phy2log: expert 5 of layer 0 sits in slots 0 and 2.
  EXPECT_EQ(json["log2phy"][0][5].get<std::vector<int>>(), (std::vector<int>{0, 2}));
  EXPECT_EQ(json["log2phy"][0][0].get<std::vector<int>>(), (std::vector<int>{12, -1}));
}

TEST(EplbCommand, BadFilesExitTwoNamingFileAndField) {
  ScratchDir dir;
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return "'" + (dir / name).string() + "'";
  };
  const struct {
    std::string name, text, expected;
  } cases[] = {
      {"text.json", "[[1, 2], [3, \"x\"]]", "text.json: [1][1]: expected a number"},
      {"ragged.json", "[[1, 2, 3, 4], [3, 4]]", "ragged.json: [1]: has 2 experts"},
      {"negative.json", "[[1, -2, 3, 4]]", "negative.json: [0][1]: expected a load >= 0"},
      {"object.json", "{\"loads\": []}", "object.json: expected a non-empty array of layers"},
      {"broken.json", "[[1, 2", "broken.json: not valid JSON"},
  };
  for (const auto& c : cases) {
    const CliResult result = run_cli("eplb --loads " + write(c.name, c.text) + " --replicas 4 --groups 1 --nodes 1 --gpus 2");
    EXPECT_EQ(result.exit_code, 2) << c.name;
    EXPECT_NE(result.err.find(c.expected), std::string::npos) << c.name << ": " << result.err;
  }
  const CliResult missing = run_cli("eplb --loads /nonexistent/loads.json" + kShape);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/nonexistent/loads.json"), std::string::npos) << missing.err;
  const CliResult shape = run_cli("eplb --loads " + kExample + " --replicas 18 --groups 4 --nodes 2 --gpus 8");
  EXPECT_EQ(shape.exit_code, 2);
  EXPECT_NE(shape.err.find("replicas: must be a multiple of gpus"), std::string::npos) << shape.err;
}

}  // namespace
}  // namespace routelab::testing
