// `routelab phase` end to end: its report, the CSV and PBM dumps, exit code 2 with a message on bad
// input, and no output file left behind when it fails.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

struct Outcome {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

Outcome run_cli(const std::string& arguments) {
  const std::string command = std::string(ROUTELAB_CLI) + " " + arguments + " 2>&1";
  Outcome outcome;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return outcome;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) outcome.output += buffer.data();
  const int status = pclose(pipe);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return outcome;
}

std::filesystem::path scratch_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("routelab-phase-cli-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(PhaseCommand, JsonReportIsDeterministicApartFromTimes) {
  const Outcome first = run_cli("phase --n 300 --experts 70 --k 4 --seed 0 --samples 5 --format json");
  const Outcome second = run_cli("phase --n 300 --experts 70 --k 4 --seed 0 --samples 5 --format json");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  auto a = nlohmann::json::parse(first.output), b = nlohmann::json::parse(second.output);
  EXPECT_EQ(a["rows"], 300);
  EXPECT_EQ(a["cols"], 70);
  EXPECT_EQ(a["degrees"], "uniform:1..4");
  EXPECT_GT(a["active_routes"].get<std::int64_t>(), 0);
  EXPECT_NEAR(a["fill_ratio"].get<double>(), a["active_routes"].get<double>() / (300.0 * 4), 1e-12);
  EXPECT_EQ(a["monte_carlo"]["samples"], 5);
  a.erase("time_ms");
  b.erase("time_ms");
  EXPECT_EQ(a, b);
}

TEST(PhaseCommand, TableShowsTheStatistics) {
  const Outcome out = run_cli("phase --n 128 --k 8 --seed 3 --degrees full");
  ASSERT_EQ(out.exit_code, 0) << out.output;
  for (const char* label : {"active routes", "fill ratio", "routes per row", "column max/mean", "time"})
    EXPECT_NE(out.output.find(label), std::string::npos) << label;
  EXPECT_NE(out.output.find("1024"), std::string::npos);  // full degrees: every row gets k = 8 routes
}

TEST(PhaseCommand, DegreePatternsAreInputs) {
  // Reordering the published inputs' degrees changes neither the fill nor the column balance much.
  const Outcome sorted = run_cli("phase --n 512 --k 64 --seed 1 --degrees pattern:sorted_ascending:64");
  ASSERT_EQ(sorted.exit_code, 0) << sorted.output;
  EXPECT_NE(sorted.output.find("pattern:sorted_ascending:64"), std::string::npos);
  // Periodic with period E: every row one ring position, so at most one route per row.
  const Outcome periodic = run_cli("phase --n 64 --k 4 --seed 1 --degrees pattern:periodic:8:64 --format json");
  ASSERT_EQ(periodic.exit_code, 0) << periodic.output;
  EXPECT_LE(nlohmann::json::parse(periodic.output)["routes_per_row"].get<double>(), 1.0);
}

TEST(PhaseCommand, DumpsRoutesAsCsvAndMatricesAsPbm) {
  const auto dir = scratch_dir("dumps");
  const Outcome out = run_cli("phase --n 100 --k 5 --seed 2 --degrees uniform:1..60 --dump-routes " +
                              (dir / "routes.csv").string() + " --pbm " + (dir / "pbm").string());
  ASSERT_EQ(out.exit_code, 0) << out.output;
  std::istringstream csv(read_file(dir / "routes.csv"));
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line, "row,r0,r1,r2,r3,r4");
  int rows = 0;
  while (std::getline(csv, line)) ++rows;
  EXPECT_EQ(rows, 100);
  for (const char* image : {"S_prime.pbm", "T_double_prime.pbm", "O.pbm", "routes.pbm"}) {
    const std::string pbm = read_file(dir / "pbm" / image);
    EXPECT_EQ(pbm.rfind("P4\n100 100\n", 0), 0u) << image;
    EXPECT_EQ(pbm.size(), std::string("P4\n100 100\n").size() + 100u * 13u) << image;  // 13 bytes per 100-pixel row
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "routes.csv.partial"));
  std::filesystem::remove_all(dir);
}

TEST(PhaseCommand, BadInputExitsWithTwoAndAMessage) {
  const auto dir = scratch_dir("bad");
  std::ofstream(dir / "bad.json") << R"({"s": [1, 2], "t": [1, 2, 9]})";
  const std::pair<std::string, std::string> cases[] = {
      {"phase --n 10 --k 0 --seed 1", "--k"},
      {"phase --n 0 --k 2 --seed 1", "--n"},
      {"phase --n 10 --k 2", "--seed"},
      {"phase --n 10 --k 2 --seed 1 --degrees uniform:1..11", "--degrees"},
      {"phase --n 10 --k 2 --seed 1 --degrees uniform:5..2", "--degrees"},
      {"phase --n 10 --k 2 --seed 1 --degrees sometimes", "--degrees"},
      {"phase --n 64 --k 2 --seed 1 --degrees pattern:spiral", "alternating_extremes, periodic"},
      {"phase --n 64 --k 2 --seed 1 --degrees pattern:periodic:64", "needs a period"},
      {"phase --n 64 --k 2 --seed 1 --degrees pattern:periodic:64:5", "period: expected a divisor"},
      {"phase --n 10 --k 2 --seed 1 --degrees pattern:identical_rows:11", "exceeds a ring size"},
      {"phase --n 10 --k 2 --seed 1 --degrees file:" + (dir / "missing.json").string(), "missing.json"},
      {"phase --n 2 --experts 3 --k 2 --seed 1 --degrees file:" + (dir / "bad.json").string(), "field 't'[2]"},
      {"phase --n 3 --experts 3 --k 2 --seed 1 --degrees file:" + (dir / "bad.json").string(), "expected 3 entries"},
      {"phase --n 10 --k 2 --seed 1 --kernel fastest", "--kernel"},
      {"phase --n 10 --k 2 --seed 1 --format xml", "--format"},
      {"phase --n 5000 --k 2 --seed 1 --pbm " + (dir / "pbm").string(), "--pbm"},
  };
  for (const auto& [arguments, mention] : cases) {
    const Outcome out = run_cli(arguments);
    EXPECT_EQ(out.exit_code, 2) << arguments << "\n" << out.output;
    EXPECT_NE(out.output.find(mention), std::string::npos) << arguments << "\n" << out.output;
  }
  std::filesystem::remove_all(dir);
}

TEST(PhaseCommand, FailedDumpLeavesNoFile) {
  const auto dir = scratch_dir("nofile");
  const auto target = dir / "no-such-directory" / "routes.csv";
  const Outcome out = run_cli("phase --n 50 --k 2 --seed 1 --dump-routes " + target.string());
  EXPECT_EQ(out.exit_code, 2) << out.output;
  EXPECT_NE(out.output.find("routes.csv"), std::string::npos) << out.output;
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_FALSE(std::filesystem::exists(target.string() + ".partial"));
  std::filesystem::remove_all(dir);
}

}  // namespace
