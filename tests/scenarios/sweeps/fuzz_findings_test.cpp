// Findings of the fuzz harnesses (fuzz/), each replayed here as a regression test; the input
// itself is in fuzz/corpus/<harness>/regression-*.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "scenarios/scenario_library.hpp"
#include "scenarios/sweeps/sweep_file.hpp"
#include "tests/scenarios/sweeps/sweep_test_support.hpp"

namespace routelab::sweeps {
namespace {

// sweep_file fuzzer: `scenario = "<300 characters>"` made std::filesystem::is_regular_file throw
// filesystem_error ("File name too long"): the CLI said "routelab: error: filesystem error: ..."
// with exit code 1 instead of naming the key. Now it is an unknown scenario name.
TEST(FuzzFindings, ScenarioNameLongerThanTheFileSystemAllowsIsAnUnknownName) {
  const std::string name(300, 'a');
  try {
    parse_sweep_file("scenario = \"" + name + "\"\nrouters = ['hash']\n", "s.toml", ".", testing::registry());
    FAIL() << "accepted";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("unknown scenario"), std::string::npos) << error.what();
  }
  EXPECT_THROW(resolve_scenario(name), UnknownNameError);
  EXPECT_THROW(resolve_scenario(name + ".toml"), IoError);
}

TEST(FuzzFindings, TheFuzzersOwnInputFailsWithATypedError) {
  std::ifstream file(std::string(ROUTELAB_SOURCE_DIR) + "/fuzz/corpus/sweep_file/regression-scenario-name-too-long.toml",
                     std::ios::binary);
  ASSERT_TRUE(file);
  std::ostringstream text;
  text << file.rdbuf();
  EXPECT_THROW(parse_sweep_file(text.str(), "crash.toml", ".", testing::registry()), Error);
}

}  // namespace
}  // namespace routelab::sweeps
