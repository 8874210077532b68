// Issue 16 item 7: an export that fails after the simulation (here the file size limit, which
// binds even for root, unlike a read-only directory) still prints the table or JSON computed,
// exits non-zero naming the file and why, and leaves no partial output: neither the target
// directory nor a staging directory nor a .partial file.
#include <gtest/gtest.h>

#include <fstream>

#include "cli/comparison_exports.hpp"
#include "core/errors.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"
#include "tests/cli/cli_runner.hpp"

namespace routelab {
namespace {

using testing::partial_files;
using testing::run_cli;
using testing::ScratchDir;

// `ulimit -f 16`: files beyond 16 KiB fail to write (SIGXFSZ ignored, so write() returns EFBIG).
const char* kSmallFiles = "trap '' XFSZ; ulimit -f 16;";

bool holds_staging(const std::filesystem::path& dir) {
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().filename().string().find("routelab-staging") != std::string::npos) return true;
  return false;
}

TEST(ExportFailure, TheTableStillPrintsAndNothingIsWritten) {
  ScratchDir dir;
  const auto target = dir / "out";
  const auto result =
      run_cli("compare --routers hash,greedy --tokens 20000 --out '" + target.string() + "'", kSmallFiles);
  EXPECT_EQ(result.exit_code, 2) << result.err;
  // Both rows of the table, with their numbers.
  EXPECT_NE(result.out.find("\nhash "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("\ngreedy "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("20000"), std::string::npos) << result.out;
  // Which file, why, and that the runs did run; the message names the target, not the staging.
  EXPECT_NE(result.err.find("router 'hash' ran, but its --out files could not be written"), std::string::npos)
      << result.err;
  std::string hash_files = "'";  // appended piecewise: GCC 12 warns falsely (-Wrestrict) on "'" + string
  hash_files += target.string() + "/";  // the run's part of the joined exports, under the target
  EXPECT_NE(result.err.find(hash_files), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("file size limit"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("--out '" + target.string() + "' was not written"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("did not run"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("staging"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find(".parts"), std::string::npos) << result.err;  // the joined file, not its part
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_FALSE(holds_staging(dir.path()));
  EXPECT_TRUE(partial_files(dir.path()).empty());
}

TEST(ExportFailure, JsonStillPrintsAndAnEarlierResultIsKept) {
  ScratchDir dir;
  const auto target = dir / "out";
  ASSERT_EQ(run_cli("run --router hash --tokens 500 --out '" + target.string() + "'").exit_code, 0);
  const auto before = testing::read_text(target / "summary.json");
  const auto result =
      run_cli("run --router hash --tokens 20000 --format json --force --out '" + target.string() + "'", kSmallFiles);
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.out.find("\"tokens\": 20000"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("was not written"), std::string::npos) << result.err;
  EXPECT_EQ(testing::read_text(target / "summary.json"), before);  // the old complete result, untouched
  EXPECT_FALSE(holds_staging(dir.path()));
  EXPECT_TRUE(partial_files(dir.path()).empty());
}

// The message names the file the user asked for (OUT/windows.csv), not the run's part of it
// (OUT/.parts/000000.windows.csv) nor a .partial or staging name, and says why.
void expect_names_only(const std::string& message, const std::filesystem::path& file) {
  EXPECT_NE(message.find("'" + file.string() + "'"), std::string::npos) << message;
  for (const char* internal : {".parts", ".partial", "staging", "000000."})
    EXPECT_EQ(message.find(internal), std::string::npos) << internal << " in: " << message;
}

TEST(ExportFailure, ARunsPartThatCannotBeWrittenIsNamedAsTheJoinedFile) {
  // 100,000 tokens of the default scenario: ~60 KB of window rows for hash, past 16 KiB, and
  // windows.csv's part is the first a run commits.
  ScratchDir dir;
  const auto target = dir / "out";
  const auto result = run_cli("run --router hash --tokens 100000 --out '" + target.string() + "'", kSmallFiles);
  EXPECT_EQ(result.exit_code, 2) << result.err;
  expect_names_only(result.err, target / "windows.csv");
  EXPECT_NE(result.err.find("file size limit"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_FALSE(holds_staging(dir.path()));
  EXPECT_TRUE(partial_files(dir.path()).empty());
}

// A comparison's export parts for one short run of the default scenario, under `directory`.
void write_parts(const std::filesystem::path& directory) {
  ScenarioSpec spec = load_builtin_scenario(kDefaultScenario);
  spec.workload.total_tokens = 3000;
  const RouterSpec router{"hash", {}};
  cli::RunExports exports(directory, 0, RunKey{router, 0, 0}, spec, {});
  const auto sinks = exports.sinks();
  run_scenario(spec, router, 0, builtin_router_registry(), sinks);
  exports.commit();
}

TEST(ExportFailure, JoiningOntoADirectoryNamesTheFileAndLeavesNoPartialOutput) {
  // Root ignores permissions, not file types: a directory where windows.csv must go.
  ScratchDir dir;
  write_parts(dir.path());
  std::filesystem::create_directories(dir / "windows.csv");
  try {
    cli::join_run_exports(dir.path(), nlohmann::ordered_json::object());
    FAIL() << "joining onto a directory succeeded";
  } catch (const IoError& error) {
    expect_names_only(error.what(), dir / "windows.csv");
    EXPECT_NE(std::string(error.what()).find("Is a directory"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(partial_files(dir.path()).empty());
  EXPECT_FALSE(std::filesystem::exists(dir / ".parts"));
  EXPECT_TRUE(std::filesystem::is_empty(dir / "windows.csv"));  // the directory, untouched
  for (const char* later : {"overload_events.csv", "latency_histogram.csv", "trace.json"})
    EXPECT_FALSE(std::filesystem::exists(dir / later)) << later;
}

TEST(ExportFailure, APartThatCannotBeCreatedIsNamedAsTheJoinedFile) {
  // A regular file where the parts' directory must go (a path under a regular file).
  ScratchDir dir;
  std::ofstream(dir / ".parts") << "in the way\n";
  ScenarioSpec spec = load_builtin_scenario(kDefaultScenario);
  try {
    cli::RunExports exports(dir.path(), 0, RunKey{RouterSpec{"hash", {}}, 0, 0}, spec, {});
    FAIL() << "exports under a regular file were created";
  } catch (const IoError& error) {
    expect_names_only(error.what(), dir / "windows.csv");
    EXPECT_NE(std::string(error.what()).find("cannot be created"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(partial_files(dir.path()).empty());
}

}  // namespace
}  // namespace routelab
