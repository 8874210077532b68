// Bad input on the command line: exit code 2 and a message that names the valid choices, never a
// crash and never output on stdout.
#include <gtest/gtest.h>

#include "routers/router_registry.hpp"
#include "scenarios/scenario_library.hpp"
#include "tests/cli/cli_runner.hpp"

namespace routelab {
namespace {

using testing::run_cli;
using testing::ScratchDir;

void expect_bad_input(const testing::CliResult& result, const std::vector<std::string>& mentioned) {
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_TRUE(result.out.empty()) << result.out;
  for (const auto& text : mentioned) EXPECT_NE(result.err.find(text), std::string::npos) << "'" << text << "' missing from: " << result.err;
}

TEST(CliBadInput, UnknownRouterListsEveryRouter) {
  std::vector<std::string> expected = builtin_router_registry().names();
  expected.push_back("'no_such_router'");
  expect_bad_input(run_cli("run --router no_such_router"), expected);
  expect_bad_input(run_cli("compare --routers hash,no_such_router"), expected);
}

TEST(CliBadInput, UnknownScenarioListsTheLibrary) {
  std::vector<std::string> expected = builtin_scenario_names();
  expected.push_back("'no_such_scenario'");
  expect_bad_input(run_cli("run --scenario no_such_scenario"), expected);
}

TEST(CliBadInput, MissingScenarioFileNamesTheFileAndTheLibrary) {
  ScratchDir dir;
  const std::string missing = (dir / "absent.toml").string();
  std::vector<std::string> expected = builtin_scenario_names();
  expected.push_back(missing);
  expect_bad_input(run_cli("run --scenario '" + missing + "'"), expected);
}

TEST(CliBadInput, BrokenScenarioFileNamesFileLineAndKey) {
  ScratchDir dir;
  const auto file = dir / "broken.toml";
  std::ofstream(file) << "name = \"broken\"\n[routing]\nk = 2\noverflw = \"drop\"\n[length]\ntokens = 100\n";
  expect_bad_input(run_cli("run --scenario '" + file.string() + "'"),
                   {file.string() + ":4:", "routing.overflw", "did you mean 'overflow'"});
}

TEST(CliBadInput, BadNumbersSayWhatIsExpected) {
  expect_bad_input(run_cli("run --tokens abc"), {"--tokens", "expected a positive integer", "'abc'"});
  expect_bad_input(run_cli("run --tokens 0"), {"--tokens", "expected a positive integer"});
  expect_bad_input(run_cli("run --tokens 1.5"), {"--tokens", "expected a positive integer"});
  expect_bad_input(run_cli("run --seed -1"), {"--seed", "expected an integer in 0..2^64-1", "'-1'"});
  expect_bad_input(run_cli("run --seed x1"), {"--seed", "expected an integer"});
  expect_bad_input(run_cli("compare --replications 0"), {"--replications", "1 to 100000"});
  expect_bad_input(run_cli("run --format xml"), {"--format", "table", "json"});
}

TEST(CliBadInput, UnknownCommandListsTheCommands) {
  expect_bad_input(run_cli("frobnicate"), {"'frobnicate'", "compare", "routers", "run", "scenarios"});
  expect_bad_input(run_cli(""), {"compare", "routers", "run", "scenarios"});
}

TEST(CliBadInput, UnknownFlagListsTheValidOptions) {
  expect_bad_input(run_cli("run --frobnicate"), {"--frobnicate", "--router", "--scenario", "--seed", "--tokens", "--format", "--out"});
  expect_bad_input(run_cli("compare --router hash"), {"--router", "--routers"});
  expect_bad_input(run_cli("--frobnicate"), {"compare", "routers", "run", "scenarios"});
}

TEST(CliBadInput, HelpAndListingsSucceed) {
  EXPECT_EQ(run_cli("run --help").exit_code, 0);
  const auto routers = run_cli("routers");
  EXPECT_EQ(routers.exit_code, 0);
  const RouterRegistry registry = builtin_router_registry();
  for (const auto& entry : registry.entries()) {
    EXPECT_NE(routers.out.find(entry.name), std::string::npos);
    EXPECT_NE(routers.out.find(entry.description), std::string::npos);
  }
  const auto scenarios = run_cli("scenarios");
  EXPECT_EQ(scenarios.exit_code, 0);
  for (const auto& name : builtin_scenario_names()) EXPECT_NE(scenarios.out.find(name), std::string::npos);
}

}  // namespace
}  // namespace routelab
