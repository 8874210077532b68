// The progress line of `run` and `compare`: `--progress` forces it onto stderr when stderr is no
// terminal, it ends with a final line holding the whole count, and it never changes stdout.
// Without the flag, stderr captured to a file gets no progress line.
#include <gtest/gtest.h>

#include <sstream>

#include <string>

#include "tests/cli/cli_runner.hpp"

namespace routelab {
namespace {

using testing::run_cli;
using testing::without_wall_clock;

constexpr const char* kCompare = "compare --routers hash,greedy --tokens 20000 --replications 2 --format json";

TEST(ProgressLine, ForcedByTheFlagAndLeavesStdoutAlone) {
  const auto plain = run_cli(kCompare);
  const auto shown = run_cli(std::string(kCompare) + " --progress");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(plain.err.find("progress:"), std::string::npos) << plain.err;
  // The last line counts every token of the 2 routers x 2 replications.
  EXPECT_NE(shown.err.find("progress: 80.0k tokens,"), std::string::npos) << shown.err;
  EXPECT_NE(shown.err.find("tokens/s"), std::string::npos);
  // Equal but for the wall clock and the provenance's record of the command line itself.
  const auto without_command_line = [](const std::string& json) {
    std::istringstream lines(json);
    std::string kept;
    for (std::string line; std::getline(lines, line);)
      if (line.find("\"command_line\":") == std::string::npos) kept += line + "\n";
    return kept;
  };
  EXPECT_EQ(without_command_line(without_wall_clock(plain.out)), without_command_line(without_wall_clock(shown.out)));
}

TEST(ProgressLine, RunTakesTheFlagToo) {
  const auto shown = run_cli("run --router hash --tokens 5000 --progress --format json");
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.err.find("progress: 5.0k tokens,"), std::string::npos) << shown.err;
}

}  // namespace
}  // namespace routelab
