// `--out DIR`: the files appear, parse back, agree with the JSON summary, and no `.partial` file
// remains; a failing run leaves nothing half-written behind.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "cli/comparison_exports.hpp"
#include "engine/csv_export_sink.hpp"
#include "tests/cli/cli_runner.hpp"

namespace routelab {
namespace {

using testing::partial_files;
using testing::read_text;
using testing::run_cli;
using testing::ScratchDir;

using testing::read_csv;

TEST(CliOutDir, WritesCompleteFilesThatAgreeWithTheSummary) {
  ScratchDir dir;
  const auto out = dir / "results";
  const auto result = run_cli("compare --routers hash,greedy --tokens 20000 --format json --out '" + out.string() + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(partial_files(dir.path()).empty());

  // summary.json is the document printed on stdout.
  const auto printed = nlohmann::json::parse(result.out);
  const auto saved = nlohmann::json::parse(read_text(out / "summary.json"));
  EXPECT_EQ(saved, printed);

  const std::string key_columns = std::string(cli::kRunKeyColumns) + ",";
  const auto windows = read_csv(out / "windows.csv", key_columns + CsvExportSink::kWindowColumns);
  const auto events = read_csv(out / "overload_events.csv", key_columns + CsvExportSink::kEventColumns);
  for (const auto& entry : saved["routers"]) {
    const std::string router = entry["router"];
    const auto experts = saved["experts"].get<std::size_t>();
    // Summed over windows, the per-expert arrivals are the run's per-expert load, and the drops
    // add up to the run's dropped assignments.
    std::vector<std::int64_t> arrivals(experts, 0);
    std::int64_t drops = 0;
    std::size_t rows = 0;
    for (const auto& row : windows) {
      ASSERT_EQ(row.size(), 14u);
      if (row[0] != router) continue;
      ++rows;
      arrivals.at(std::stoul(row[7])) += std::stoll(row[8]);
      drops += std::stoll(row[11]);
      const double utilization = std::stod(row[13]);
      EXPECT_GE(utilization, 0.0);
      EXPECT_LE(utilization, 1.0 + 1e-9);
    }
    EXPECT_EQ(rows, entry["windows"].get<std::size_t>() * experts) << router;
    EXPECT_EQ(arrivals, entry["expert_load"].get<std::vector<std::int64_t>>()) << router;
    EXPECT_EQ(drops, entry["assignments_dropped"].get<std::int64_t>()) << router;

    std::int64_t router_events = 0;
    for (const auto& row : events) {
      ASSERT_EQ(row.size(), 9u);
      if (row[0] != router) continue;
      ++router_events;
      EXPECT_LE(std::stoll(row[5]), std::stoll(row[6]));  // start <= end
      EXPECT_TRUE(row[8] == "queue_above_threshold" || row[8] == "arrivals_above_capacity") << row[8];
    }
    EXPECT_EQ(router_events, entry["overload_events"].get<std::int64_t>()) << router;
  }
}

TEST(CliOutDir, ReplicationsShareOneFileWithTheirOwnRows) {
  ScratchDir dir;
  const auto result = run_cli("run --router uniform --tokens 3000 --replications 2 --out '" + dir.path().string() + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::set<std::string> replications;
  for (const auto& row : read_csv(dir / "windows.csv", std::string(cli::kRunKeyColumns) + "," +
                                                          CsvExportSink::kWindowColumns))
    replications.insert(row.at(1));
  EXPECT_EQ(replications, (std::set<std::string>{"0", "1"}));
  EXPECT_FALSE(std::filesystem::exists(dir / "uniform"));
  EXPECT_TRUE(partial_files(dir.path()).empty());
}

TEST(CliOutDir, FailingRunLeavesNoPartialOutput) {
  // The router's output folder cannot be created (a file has its name): the run fails with
  // exit code 2 and leaves neither a summary nor any half-written file.
  ScratchDir dir;
  std::ofstream(dir / "greedy") << "in the way\n";
  const auto result = run_cli("run --router greedy --tokens 3000 --out '" + dir.path().string() + "'");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("greedy"), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty());
  EXPECT_TRUE(partial_files(dir.path()).empty());
  EXPECT_FALSE(std::filesystem::exists(dir / "summary.json"));
}

TEST(CliOutDir, UnwritableSummaryLeavesNoPartialFile) {
  // summary.json cannot be renamed into place (a directory has its name).
  ScratchDir dir;
  std::filesystem::create_directories(dir / "summary.json");
  const auto result = run_cli("run --router hash --tokens 3000 --out '" + dir.path().string() + "'");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("summary.json"), std::string::npos) << result.err;
  EXPECT_TRUE(partial_files(dir.path()).empty());
}

TEST(CliOutDir, CompareWithOneFailingRouterLeavesOnlyCompleteFiles) {
  // hash's run succeeds, greedy's cannot write: the command fails; hash's files, if already
  // moved into place, are complete; nothing is left half-written and no summary is written.
  ScratchDir dir;
  std::ofstream(dir / "greedy") << "in the way\n";
  const auto result = run_cli("compare --routers hash,greedy --tokens 3000 --out '" + dir.path().string() + "'");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(partial_files(dir.path()).empty());
  EXPECT_FALSE(std::filesystem::exists(dir / "summary.json"));
  EXPECT_FALSE(std::filesystem::exists(dir / "windows.csv"));
}

}  // namespace
}  // namespace routelab
