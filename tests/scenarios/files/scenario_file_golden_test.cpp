// Golden messages: every broken scenario file in tests/scenarios/golden/ must fail with exactly the
// message in its .expected file (file:line:column: key: what was expected). A changed message is a
// reviewed change: regenerate with ROUTELAB_UPDATE_GOLDEN=1 and read the diff.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/scenario_loader.hpp"

namespace routelab {
namespace {

const std::filesystem::path kGoldenDir = std::filesystem::path(ROUTELAB_SOURCE_DIR) / "tests/scenarios/golden";

std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::vector<std::filesystem::path> broken_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(kGoldenDir))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(ScenarioFileGolden, EveryBrokenFileFailsWithItsGoldenMessage) {
  const bool update = std::getenv("ROUTELAB_UPDATE_GOLDEN") != nullptr;
  const auto files = broken_files();
  ASSERT_GE(files.size(), 20u);
  for (const auto& file : files) {
    SCOPED_TRACE(file.filename().string());
    std::string message;
    try {
      parse_scenario(read_text(file), file.filename().string());
      ADD_FAILURE() << "parsed without an error";
      continue;
    } catch (const ScenarioError& error) {
      message = error.what();
      EXPECT_GE(error.line(), 1);
      EXPECT_GE(error.column(), 1);
      EXPECT_EQ(error.source(), file.filename().string());
    }
    auto expected_path = file;
    expected_path.replace_extension(".expected");
    if (update) std::ofstream(expected_path, std::ios::binary) << message << "\n";
    std::string expected = read_text(expected_path);
    while (!expected.empty() && expected.back() == '\n') expected.pop_back();
    EXPECT_EQ(message, expected);
  }
}

TEST(ScenarioFileGolden, MessagesNameFileLineColumnAndKey) {
  try {
    parse_scenario("[batches]\nsize = 512\nintervl_ticks = 100\n", "x.toml");
    FAIL() << "expected an error";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(error.line(), 3);
    EXPECT_EQ(error.column(), 1);
    EXPECT_EQ(error.field(), "batches.intervl_ticks");
    EXPECT_NE(std::string(error.what()).find("did you mean 'interval_ticks'?"), std::string::npos);
  }
}

}  // namespace
}  // namespace routelab
