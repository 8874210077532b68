// Issue 16 end to end: each reproducer gives a clear error with exit code 2 (or a correct result),
// never a crash, a hang, a runaway allocation or mixed output.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine/output_transaction.hpp"
#include "results/database_lock.hpp"
#include "results/results_store.hpp"
#include "tests/cli/cli_runner.hpp"

namespace routelab {
namespace {

using testing::partial_files;
using testing::read_text;
using testing::run_cli;
using testing::ScratchDir;

std::string repeat(const std::string& piece, int count) {
  std::string text;
  for (int i = 0; i < count; ++i) text += piece;
  return text;
}

std::filesystem::path write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

const char* kSweep = "scenario = 'default'\nrouters = ['greedy', 'hash']\n[set]\nlength.tokens = 2048\n"
                     "[grid]\nrouting.k = [1, 2]\n";

// Item 1: 9,000 '(' overflowed the stack in parse_not/eval (exit 139), even before a database.
TEST(HostileInput, DeepFilterExpressionIsAnError) {
  ScratchDir dir;
  const auto sweep = write(dir / "s.toml", kSweep);
  const std::string deep = repeat("(", 9000) + "true" + repeat(")", 9000);
  for (const char* command : {"plan", "run"}) {
    const std::string db = std::string(command) == "run" ? " --db '" + (dir / "r.sqlite").string() + "'" : "";
    const auto result = run_cli(std::string("sweep ") + command + " '" + sweep.string() + "'" + db + " --filter '" + deep + "'");
    EXPECT_EQ(result.exit_code, 2) << command << result.err.substr(0, 300);
    EXPECT_NE(result.err.find("--filter"), std::string::npos) << result.err.substr(0, 300);
    EXPECT_NE(result.err.find("nests more than 256 levels"), std::string::npos) << result.err.substr(0, 300);
    EXPECT_LT(result.err.size(), 1000u);  // the 18 kB expression is not echoed whole
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "r.sqlite"));
  const auto constraint = write(dir / "c.toml", "constraints = ['" + repeat("not ", 60000) + "true']\n" + kSweep);
  const auto result = run_cli("sweep plan '" + constraint.string() + "'");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("constraints[0]"), std::string::npos) << result.err.substr(0, 300);
}

// Item 2: two entries of one router wrote the same files; now refused, naming the duplicate.
TEST(HostileInput, SameRouterTwiceIsRefused) {
  ScratchDir dir;
  const auto listed = run_cli("compare --routers hash,hash --tokens 2000 --out '" + (dir / "out").string() + "'");
  EXPECT_EQ(listed.exit_code, 2);
  EXPECT_NE(listed.err.find("--routers: router 'hash' is listed twice"), std::string::npos) << listed.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out"));

  const auto scenario = write(dir / "twice.toml",
                              "name = 'twice'\n[length]\ntokens = 2000\n[[routers]]\nname = 'phase'\n"
                              "[[routers]]\nname = 'phase'\n[routers.params]\nreseed = 'per_batch'\n");
  const auto file = run_cli("compare --scenario '" + scenario.string() + "'");
  EXPECT_EQ(file.exit_code, 2);
  EXPECT_NE(file.err.find("routers[1].name"), std::string::npos) << file.err;
  EXPECT_NE(file.err.find("also routers[0]"), std::string::npos) << file.err;
  EXPECT_NE(file.err.find(":7:"), std::string::npos) << file.err;  // points at the second entry's name
}

// Item 10 and the output transaction: a used directory needs --force; a kill leaves no mix.
TEST(HostileInput, OutIntoAUsedDirectoryNeedsForce) {
  ScratchDir dir;
  const auto out = dir / "out";
  const std::string base = "run --router hash --tokens 3000 --format json --out '" + out.string() + "'";
  const auto first = run_cli(base + " --seed 1");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(std::filesystem::exists(out / OutputTransaction::kManifestName));

  const auto again = run_cli(base + " --seed 2");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("is not empty"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("--force"), std::string::npos) << again.err;
  EXPECT_TRUE(again.out.empty());  // refused before running
  EXPECT_EQ(nlohmann::json::parse(read_text(out / "summary.json")), nlohmann::json::parse(first.out));

  const auto forced = run_cli(base + " --seed 2 --force");
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(nlohmann::json::parse(read_text(out / "summary.json")), nlohmann::json::parse(forced.out));
  EXPECT_NE(forced.out, first.out);  // another seed, wholly replaced

  // --force never deletes what routelab did not write.
  write(out / "notes.txt", "mine\n");
  const auto foreign = run_cli(base + " --force");
  EXPECT_EQ(foreign.exit_code, 2);
  EXPECT_NE(foreign.err.find("notes.txt"), std::string::npos) << foreign.err;
  EXPECT_TRUE(std::filesystem::exists(out / "notes.txt"));
  const auto plain = dir / "plain";
  std::filesystem::create_directories(plain);
  write(plain / "data.csv", "x\n");
  const auto unmarked = run_cli("run --router hash --tokens 3000 --force --out '" + plain.string() + "'");
  EXPECT_EQ(unmarked.exit_code, 2);
  EXPECT_NE(unmarked.err.find("no routelab run wrote"), std::string::npos) << unmarked.err;
  EXPECT_TRUE(std::filesystem::exists(plain / "data.csv"));
}

TEST(HostileInput, EmptyDirectoryIsFineAndStaleStagingIsCleaned) {
  ScratchDir dir;
  const auto out = dir / "out";
  std::filesystem::create_directories(out);
  // What a killed run leaves: a staging directory with half-written files, beside the target.
  const auto stale = dir / (staging_prefix(out) + "999999-0");
  std::filesystem::create_directories(stale / ".parts");
  write(stale / ".parts" / "000000.windows.csv.partial", "half");
  const auto result = run_cli("run --router hash --tokens 3000 --out '" + out.string() + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_FALSE(std::filesystem::exists(stale));
  EXPECT_TRUE(std::filesystem::exists(out / "summary.json"));
  EXPECT_TRUE(std::filesystem::exists(out / "windows.csv"));
  EXPECT_TRUE(partial_files(dir.path()).empty());
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    EXPECT_EQ(entry.path().filename().string().find(".routelab-staging-"), std::string::npos) << entry.path();
}

TEST(HostileInput, KilledRunLeavesNoOutputDirectory) {
  // A run killed mid-way leaves neither files nor a summary under --out, only a staging directory
  // (removed by the next run): SIGKILL after a moment, at whatever point the run has reached.
  ScratchDir dir;
  const auto out = dir / "out";
  // --foreground: timeout waits for the killed child (without it, timeout kills its own group,
  // itself included, and may return before the child's exit has released its lock).
  const std::string command = "timeout --foreground -s KILL 0.5 '" ROUTELAB_CLI "' compare --tokens 2000000 --out '" + out.string() +
                              "' >/dev/null 2>&1";
  std::system(command.c_str());
  if (std::filesystem::exists(out)) {  // the run finished within the moment: then it is complete
    EXPECT_TRUE(std::filesystem::exists(out / "summary.json"));
    EXPECT_TRUE(partial_files(out).empty());
  }
  const auto next = run_cli("run --router hash --tokens 2000 --out '" + out.string() + "' --force");
  EXPECT_EQ(next.exit_code, 0) << next.err;
  const auto left = partial_files(dir.path());
  EXPECT_TRUE(left.empty()) << left.front();
}

// Items 5, 6 and 8 through the CLI: refused before the run, naming the key, exit code 2.
TEST(HostileInput, RunawayScenariosAreRefusedBeforeTheyRun) {
  ScratchDir dir;
  struct Case {
    std::string toml;
    std::string arguments;
    std::string key;
  };
  const std::vector<Case> cases = {
      {"[experts]\ncount = 4\nspeed = [1e-300, 1, 1, 1]\n", "", "experts.speed"},
      {"[batches]\ninterval_ticks = 1e15\n", "--tokens 1024", "batches.interval_ticks"},
      {"[experts.service]\nmean_ticks = 1e15\n", "--tokens 1024", "experts.service.mean_ticks"},
      {"[batches]\ninterval_ticks = 1e9\n[metrics]\nwindow_ticks = 1\n", "--tokens 1024", "metrics.window_ticks"},
      {"[tokens]\nkeys = 'zipf'\nvocabulary = 1099511627776\n", "", "tokens.vocabulary"},
      {"", "--tokens 10000000000000", "length.tokens"},
  };
  for (const Case& c : cases) {
    const auto scenario = write(dir / "s.toml", "name = 's'\n" + c.toml);
    const auto result = run_cli("run --router hash --scenario '" + scenario.string() + "' " + c.arguments);
    EXPECT_EQ(result.exit_code, 2) << c.toml << result.err;
    EXPECT_NE(result.err.find(c.key), std::string::npos) << c.toml << result.err;
  }
  // The escape hatch exists on every running command (what it lets through would run for hours).
  EXPECT_EQ(run_cli("run --router hash --tokens 1000 --ignore-budget").exit_code, 0);
}

TEST(HostileInput, JsonLinesTraceWithAHugeTickIsRefused) {
  // Two rows, ticks 0 and 9e18: spun for years; now a row error with file and line.
  ScratchDir dir;
  const auto trace = write(dir / "t.jsonl", "{\"tick\": 0, \"key\": 1, \"experts\": [0]}\n"
                                            "{\"tick\": 9000000000000000000, \"key\": 2, \"experts\": [1]}\n");
  const auto result = run_cli("compare --scenario deepseek-layer1 --trace '" + trace.string() + "' --routers hash");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("t.jsonl:2"), std::string::npos) << result.err;
}

TEST(HostileInput, HugeSweepGridIsRefusedBeforeThePlanIsBuilt) {
  ScratchDir dir;
  std::string values = "[";
  for (int i = 0; i < 1000; ++i) values += (i ? "," : "") + std::to_string(i + 1);
  values += "]";
  const auto sweep = write(dir / "big.toml", "scenario = 'default'\nrouters = ['hash']\n[grid]\nlength.tokens = " +
                                                 values + "\nbatches.size = " + values + "\nexperts.count = " + values + "\n");
  const auto result = run_cli("sweep plan --count '" + sweep.string() + "'");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("grid"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("1e+09 runs"), std::string::npos) << result.err;
}

// Item 7: a non-UTF-8 byte in a file name made the JSON writer throw after the whole run (exit 1,
// with --out 15 files and no summary.json); now the byte becomes U+FFFD and everything is written.
TEST(HostileInput, NonUtf8FileNameStillGivesTheSummary) {
  ScratchDir dir;
  const auto scenario = write(dir / "bad\xff name.toml", "name = 'latin'\n[length]\ntokens = 2000\n");
  const auto out = dir / "out";
  const auto result = run_cli("compare --routers hash,greedy --format json --scenario '" + scenario.string() +
                              "' --out '" + out.string() + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto summary = nlohmann::json::parse(read_text(out / "summary.json"));
  EXPECT_EQ(summary, nlohmann::json::parse(result.out));
  EXPECT_NE(summary["source"].get<std::string>().find("\xef\xbf\xbd"), std::string::npos);  // U+FFFD
}

// Item 4: one `sweep run` per database; the second is told so and damages nothing.
TEST(HostileInput, SecondSweepRunOnOneDatabaseIsRefused) {
  ScratchDir dir;
  const auto sweep = write(dir / "s.toml", kSweep);
  const auto db = dir / "r.sqlite";
  {
    const results::DatabaseLock held(db);  // as a running `sweep run` holds it
    for (const char* extra : {"", " --resume"}) {
      const auto second = run_cli("sweep run '" + sweep.string() + "' --db '" + db.string() + "'" + extra);
      EXPECT_EQ(second.exit_code, 2) << second.err;
      EXPECT_NE(second.err.find("another `routelab sweep run` is writing"), std::string::npos) << second.err;
    }
    EXPECT_FALSE(std::filesystem::exists(db));
  }
  // Two at once on a new database: whichever loses is refused, the file is whole and complete.
  const std::string command = "sweep run '" + sweep.string() + "' --db '" + db.string() + "' --jobs 1";
  const std::string both = "'" ROUTELAB_CLI "' " + command + " >/dev/null 2>'" + (dir / "a.err").string() + "' & '" ROUTELAB_CLI
                           "' " + command + " >/dev/null 2>'" + (dir / "b.err").string() + "'; wait";
  ASSERT_EQ(std::system(both.c_str()), 0);
  for (const char* err : {"a.err", "b.err"}) {
    const std::string text = read_text(dir / err);
    EXPECT_TRUE(text.empty() || text.find("another `routelab sweep run`") != std::string::npos ||
                text.find("already exists") != std::string::npos)
        << text;
  }
  EXPECT_EQ(results::ResultsStore::open(db, false).run_count(), 4);
}

}  // namespace
}  // namespace routelab
