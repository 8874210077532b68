// `routelab compare --out DIR` exports parse back and agree with the summary; replications give
// means with confidence intervals; attacks and traces report their own figures; bad traces exit 2.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli_runner.hpp"

namespace routelab::cli_test {
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

TEST(CliExports, WindowsEventsAndChromeTraceParseBack) {
  TemporaryDirectory out("exports");
  const auto run = run_cli("compare --scenario default --tokens 20480 --routers hash,greedy --out " + out.path().string());
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const auto summary = read_json(out.path() / "summary.json");
  for (const auto& entry : summary["routers"]) {
    const std::string router = entry["router"];
    SCOPED_TRACE(router);
    const auto dir = out.path() / router;
    // Per-window per-expert loads, long format: the arrivals add up to the run's expert loads.
    const auto windows = read_csv(dir / "windows.csv");
    ASSERT_EQ(windows.front(), (std::vector<std::string>{"window", "start_tick", "end_tick", "expert", "arrivals", "drops",
                                                          "peak_queue", "utilization"}));
    EXPECT_EQ(windows.size() - 1, entry["windows"].get<std::size_t>() * 64);
    std::vector<std::int64_t> load(64, 0);
    for (std::size_t i = 1; i < windows.size(); ++i) load[std::stoul(windows[i][3])] += std::stoll(windows[i][4]);
    EXPECT_EQ(load, entry["expert_load"].get<std::vector<std::int64_t>>());
    // Overload events: one row each.
    const auto events = read_csv(dir / "overload_events.csv");
    EXPECT_EQ(events.size() - 1, entry["overload_events"].get<std::size_t>());
    // Chrome trace: one counter track per expert, one instant event per overload.
    const auto trace = read_json(dir / "trace.json");
    std::set<std::string> counter_tracks;
    std::size_t counters = 0;
    std::size_t instants = 0;
    std::int64_t counted = 0;
    for (const auto& event : trace["traceEvents"]) {
      if (event["ph"] == "C") {
        counter_tracks.insert(event["name"].get<std::string>());
        counted += event["args"]["arrivals"].get<std::int64_t>();
        ++counters;
      }
      if (event["ph"] == "i") ++instants;
    }
    EXPECT_EQ(counter_tracks.size(), 64u);
    EXPECT_EQ(counters, entry["windows"].get<std::size_t>() * 64);
    EXPECT_EQ(counted, entry["assignments"].get<std::int64_t>());
    EXPECT_EQ(instants, entry["overload_events"].get<std::size_t>());
    EXPECT_EQ(trace["traceEvents"][0]["ph"], "M");
  }
  for (const auto& file : std::filesystem::recursive_directory_iterator(out.path()))
    EXPECT_NE(file.path().extension(), ".partial") << file.path();
}

TEST(CliExports, ReplicationsGiveMeansWithConfidenceIntervals) {
  const auto run = run_cli("compare --scenario uniform-keys --tokens 5120 --routers uniform,hash --replications 4 --format json");
  ASSERT_EQ(run.exit_code, 0) << run.out;
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
  ASSERT_EQ(run.exit_code, 0) << run.out;
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
  EXPECT_NE(fail.out.find("prompt_1041_bad_data.csv:10: expected 4 fields"), std::string::npos) << fail.out;

  const auto skip = run_cli("run --scenario deepseek-layer1 --router trace --skip-bad-rows --format json --trace " + bad);
  ASSERT_EQ(skip.exit_code, 0) << skip.out;
  const auto report = nlohmann::json::parse(skip.out);
  EXPECT_EQ(report["trace"]["rows_skipped"], 2);
  EXPECT_EQ(report["trace"]["rows"], 76);
  const auto table = run_cli("run --scenario deepseek-layer1 --router trace --skip-bad-rows --trace " + bad);
  EXPECT_NE(table.out.find("skipped 2 malformed row(s)"), std::string::npos) << table.out;
}

TEST(CliExports, LayeredTraceRunReportsEveryLayer) {
  TemporaryDirectory out("layers");
  const auto run = run_cli("compare --scenario deepseek-layers --routers trace,greedy --tokens 300 --format json --out " +
                           out.path().string());
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["routers"].size(), 2u * 26u);
  EXPECT_EQ(report["aggregate"][0]["layers"], 26);
  EXPECT_TRUE(std::filesystem::exists(out.path() / "trace" / "layer-26.windows.csv"));
  EXPECT_TRUE(std::filesystem::exists(out.path() / "greedy" / "layer-01.trace.json"));
}

TEST(CliExports, TraceOptionsNeedATrace) {
  const auto run = run_cli("run --scenario default --layer 3");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("replays no trace"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace routelab::cli_test
