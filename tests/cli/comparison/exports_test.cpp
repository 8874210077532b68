// `routelab compare --out DIR` on layered traces (tidy_exports_test.cpp checks the files); replications give
// means with confidence intervals; attacks and traces report their own figures; bad traces exit 2.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/cli/cli_runner.hpp"
#include "tests/support/scratch_dir.hpp"

namespace routelab::testing {
namespace {

std::vector<std::vector<std::string>> read_csv(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(file, line);) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    for (std::string field; std::getline(stream, field, ',');) fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}

nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream file(path);
  return nlohmann::json::parse(file);
}

TEST(CliExports, ReplicationsGiveMeansWithConfidenceIntervals) {
  const auto run = run_cli("compare --scenario uniform-keys --tokens 5120 --routers uniform,hash --replications 4 --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto report = nlohmann::json::parse(run.out);
  ASSERT_EQ(report["routers"].size(), 8u);
  ASSERT_EQ(report["aggregate"].size(), 2u);
  std::map<std::string, std::vector<double>> values;
  for (const auto& entry : report["routers"]) values[entry["router"]].push_back(entry["load_max_over_mean"]);
  for (const auto& group : report["aggregate"]) {
    const std::string router = group["router"];
    const auto& v = values[router];
    const double mean = (v[0] + v[1] + v[2] + v[3]) / 4;
    EXPECT_NEAR(group["metrics"]["load_max_over_mean"]["mean"].get<double>(), mean, 1e-12);
    EXPECT_GT(group["metrics"]["load_max_over_mean"]["ci95"].get<double>(), 0.0);
    EXPECT_EQ(group["replications"], 4);
  }
  const auto& hash = report["aggregate"][1];
  EXPECT_EQ(hash["paired_against"], "uniform");
  EXPECT_TRUE(hash["paired_difference"].contains("load_max_over_mean"));

  const auto table = run_cli("compare --scenario uniform-keys --tokens 5120 --routers uniform,hash --replications 4");
  ASSERT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("± "), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("Student t"), std::string::npos);
}

TEST(CliExports, AdversarialScenariosShowAmplificationPerRouter) {
  const auto run = run_cli("compare --scenario attack-collision --tokens 10240 --routers hash,greedy");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("amplification"), std::string::npos) << run.out;
  const auto json = run_cli("compare --scenario attack-collision --tokens 10240 --routers hash,greedy --format json");
  const auto report = nlohmann::json::parse(json.out);
  EXPECT_EQ(report["adversary"]["kind"], "collision");
  EXPECT_GT(report["routers"][0]["adversary"]["amplification"].get<double>(), 3.0);
  EXPECT_LT(report["routers"][1]["adversary"]["amplification"].get<double>(), 1.2);
}

TEST(CliExports, MalformedTraceFailsWithItsLineOrIsCountedWhenSkipping) {
  const std::string bad = std::string(ROUTELAB_SOURCE_DIR) + "/tests/data/traces/malformed/prompt_1041_bad_data.csv";
  const auto fail = run_cli("run --scenario deepseek-layer1 --router trace --trace " + bad);
  EXPECT_EQ(fail.exit_code, 2);
  EXPECT_NE(fail.err.find("prompt_1041_bad_data.csv:10: expected 4 fields"), std::string::npos) << fail.err;

  const auto skip = run_cli("run --scenario deepseek-layer1 --router trace --skip-bad-rows --format json --trace " + bad);
  ASSERT_EQ(skip.exit_code, 0) << skip.err;
  const auto report = nlohmann::json::parse(skip.out);
  EXPECT_EQ(report["trace"]["rows_skipped"], 2);
  EXPECT_EQ(report["trace"]["rows"], 76);
  const auto table = run_cli("run --scenario deepseek-layer1 --router trace --skip-bad-rows --trace " + bad);
  EXPECT_NE(table.out.find("skipped 2 malformed row(s)"), std::string::npos) << table.out;
}

TEST(CliExports, LayeredTraceRunReportsEveryLayer) {
  ScratchDir out;
  const auto run = run_cli("compare --scenario deepseek-layers --routers trace,greedy --tokens 300 --format json --out " +
                           out.path().string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["routers"].size(), 2u * 26u);
  EXPECT_EQ(report["aggregate"][0]["layers"], 26);
  // One windows.csv for every layer of both routers, the layer a column.
  std::set<std::pair<std::string, std::string>> runs;
  const auto windows = read_csv(out.path() / "windows.csv");
  for (std::size_t i = 1; i < windows.size(); ++i) runs.insert({windows[i][0], windows[i][2]});
  EXPECT_EQ(runs.size(), 2u * 26u);
  EXPECT_TRUE(runs.count({"trace", "26"}));
  EXPECT_TRUE(runs.count({"greedy", "1"}));
}

TEST(CliExports, TraceOptionsNeedATrace) {
  const auto run = run_cli("run --scenario default --layer 3");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("replays no trace"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace routelab::testing
