// `routelab sweep` end to end: results identical for any --jobs and equal to runs made directly,
// kill -9 and resume, shards merged back, failures recorded, foreign databases refused.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "cli_process.hpp"
#include "results/results_compare.hpp"
#include "results/results_store.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_runner.hpp"
#include "scenarios/sweeps/sweep_file.hpp"
#include "scenarios/sweeps/sweep_plan.hpp"
#include "scenarios/sweeps/sweep_scenario.hpp"

namespace routelab::cli {
namespace {

using testing::last_line;
using testing::run_cli;

std::filesystem::path fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / ("routelab-sweep-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// 4 points x 4 routers x 2 replications = 32 short runs.
const char* kSmallSweep = R"(scenario = "default"
routers = ["greedy", "hash", "power_of_two", "uniform"]
replications = 2
[set]
length.tokens = 5120
[grid]
routing.capacity_factor = [1.0, 1.5]
tokens.zipf_s = [0.8, 1.2]
)";

std::filesystem::path write_sweep(const std::filesystem::path& dir, const std::string& text) {
  const auto path = dir / "sweep.toml";
  std::ofstream(path) << text;
  return path;
}

void expect_same_results(const std::filesystem::path& a, const std::filesystem::path& b) {
  auto x = results::ResultsStore::open(a, false);
  auto y = results::ResultsStore::open(b, false);
  const auto differences = results::compare_stores(x, y, 5);
  EXPECT_TRUE(differences.empty()) << a << " vs " << b << ":\n" << (differences.empty() ? "" : differences[0]);
}

std::int64_t stored_runs(const std::filesystem::path& db) {
  if (!std::filesystem::exists(db)) return 0;
  return results::ResultsStore::open(db, false).run_count();
}

// Calls check(row, spec, direct) for each row of `select` (its first column the run_id) with the
// run made directly, in this process, from the sweep file; returns how many rows were checked.
template <typename Check>
std::size_t for_each_row_with_its_direct_run(const std::filesystem::path& sweep, const std::filesystem::path& db,
                                             const std::string& select, Check check) {
  const RouterRegistry registry = builtin_router_registry();
  const auto file = sweeps::load_sweep_file(sweep, registry);
  const sweeps::SweepScenarioBuilder builder(file);
  const auto plan = sweeps::expand_plan(file, builder.context_document());
  auto store = results::ResultsStore::open(db, false);
  auto statement = store.database().prepare(select);
  std::size_t checked = 0;
  while (statement.step()) {
    for (const auto& run : plan.runs) {
      if (run.run_id != statement.text(0)) continue;
      const ScenarioSpec spec = builder.scenario_for(plan.points[run.point].parameters);
      const auto& router = file.routers[run.router];
      const RunResult direct = run_scenario(spec, RouterSpec{router.name, router.params}, run.replication, registry);
      check(statement, spec, direct);
      ++checked;
    }
  }
  return checked;
}

TEST(SweepCommand, JobsDoNotChangeResultsAndRowsMatchDirectRuns) {
  const auto dir = fresh_dir("jobs");
  const auto sweep = write_sweep(dir, kSmallSweep);
  for (const char* jobs : {"1", "2", "3"}) {
    const auto result = run_cli({"sweep", "run", sweep.string(), "--db", (dir / (std::string("j") + jobs + ".sqlite")).string(),
                                 "--jobs", jobs});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(last_line(result.out), "total 32, ok 32, failed 0, skipped 0");
  }
  expect_same_results(dir / "j1.sqlite", dir / "j2.sqlite");
  expect_same_results(dir / "j1.sqlite", dir / "j3.sqlite");
  const auto diff = run_cli({"sweep", "diff", (dir / "j1.sqlite").string(), (dir / "j2.sqlite").string()});
  EXPECT_EQ(diff.exit_code, 0);
  EXPECT_NE(diff.out.find("identical: 32 runs"), std::string::npos);

  // Each stored row is exactly what the run gives when made on its own, in this process.
  const std::size_t checked = for_each_row_with_its_direct_run(
      sweep, dir / "j2.sqlite",
      "SELECT run_id, fingerprint, tokens_completed, master_seed, optimum_load_max_over_mean, optimum_fill_ratio FROM runs",
      [](auto& row, const ScenarioSpec& spec, const RunResult& direct) {
        const std::string run_id = row.text(0);
        EXPECT_EQ(row.text(1), fingerprint_hex(direct.summary.fingerprint)) << run_id;
        EXPECT_EQ(row.integer(2), direct.summary.tokens_completed);
        EXPECT_EQ(row.text(3), std::to_string(spec.simulation.master_seed));
        // The optimum of the run's batches is stored with it (capacity factor 1.0 points included).
        EXPECT_EQ(std::get<double>(row.cell(4)), direct.optimum.load_max_over_mean) << run_id;
        EXPECT_EQ(std::get<double>(row.cell(5)), direct.optimum.fill_ratio) << run_id;
        EXPECT_GT(direct.optimum.fill_ratio, 0.0);
      });
  EXPECT_EQ(checked, 32u);
}

// A sweep over a deployment stores the expert-parallel figures too (step time, stragglers,
// all-to-all), equal to the run made directly; placements with and without replicas in one zip.
TEST(SweepCommand, ClusterSweepStoresTheStepFigures) {
  const auto dir = fresh_dir("cluster");
  const std::string sweep = ROUTELAB_SOURCE_DIR "/examples/sweeps/placement-vs-redundancy.toml";
  const auto db = (dir / "c.sqlite").string();
  const auto result = run_cli({"sweep", "run", sweep, "--db", db, "--jobs", "2", "--filter", "router == 'hash'"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(last_line(result.out), "total 10, ok 10, failed 0, skipped 0");

  const std::size_t checked = for_each_row_with_its_direct_run(
      sweep, db, "SELECT run_id, step_time_mean, straggler_ratio, alltoall_time_mean FROM runs",
      [](auto& row, const ScenarioSpec&, const RunResult& direct) {
        const std::string run_id = row.text(0);
        ASSERT_TRUE(direct.summary.cluster.has_value());
        EXPECT_EQ(std::get<double>(row.cell(1)), direct.summary.cluster->step_time_mean) << run_id;
        EXPECT_EQ(std::get<double>(row.cell(2)), direct.summary.cluster->straggler_ratio) << run_id;
        EXPECT_EQ(std::get<double>(row.cell(3)), direct.summary.cluster->alltoall_time_mean) << run_id;
        EXPECT_GT(direct.summary.cluster->step_time_mean, 0) << run_id;
      });
  EXPECT_EQ(checked, 10u);
}

TEST(SweepCommand, KillAndResumeGivesTheCleanTable) {
  const auto dir = fresh_dir("resume");
  // 12 points x 4 routers x 2 replications = 96 runs: long enough to be killed in the middle.
  const auto sweep = write_sweep(dir, R"(scenario = "default"
routers = ["greedy", "hash", "power_of_two", "uniform"]
replications = 2
[set]
length.tokens = 10240
[grid]
routing.capacity_factor = [1.0, 1.25, 1.5, 2.0]
tokens.zipf_s = [0.8, 1.0, 1.2]
)");
  const auto clean = dir / "clean.sqlite";
  ASSERT_EQ(run_cli({"sweep", "run", sweep.string(), "--db", clean.string(), "--jobs", "2"}).exit_code, 0);

  const auto killed = dir / "killed.sqlite";
  std::int64_t before = 0;
  // First SIGTERM (a graceful stop: runs in flight are stored, the summary is printed), then SIGKILL.
  for (const auto& [kill_after, how] : {std::pair<std::int64_t, int>{8, SIGTERM}, {40, SIGKILL}}) {
    const pid_t pid = testing::spawn_cli({"sweep", "run", sweep.string(), "--db", killed.string(), "--jobs", "2", "--resume"},
                                         dir / "out.txt", dir / "err.txt");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    std::int64_t seen = 0;
    while ((seen = stored_runs(killed)) < kill_after && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    kill(pid, how);
    EXPECT_EQ(testing::wait_exit_code(pid), 128 + how);
    if (how == SIGTERM) {
      EXPECT_NE(testing::read_text(dir / "err.txt").find("continue with --resume"), std::string::npos);
      EXPECT_EQ(last_line(testing::read_text(dir / "out.txt")).rfind("total 96, ok ", 0), 0u);
    }
    const std::int64_t after = stored_runs(killed);  // opening it checks its integrity
    EXPECT_GE(after, kill_after);
    EXPECT_GT(after, before);
    ASSERT_LT(after, 96) << "the sweep finished before it could be killed; the test needs longer runs";
    before = after;
  }
  const auto resumed = run_cli({"sweep", "run", sweep.string(), "--db", killed.string(), "--jobs", "2", "--resume"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(last_line(resumed.out), "total 96, ok " + std::to_string(96 - before) + ", failed 0, skipped " +
                                        std::to_string(before));
  expect_same_results(clean, killed);
  const auto again = run_cli({"sweep", "run", sweep.string(), "--db", killed.string(), "--resume"});
  EXPECT_EQ(last_line(again.out), "total 96, ok 0, failed 0, skipped 96");
}

TEST(SweepCommand, ShardsMergedEqualOneRun) {
  const auto dir = fresh_dir("shards");
  const auto sweep = write_sweep(dir, kSmallSweep);
  ASSERT_EQ(run_cli({"sweep", "run", sweep.string(), "--db", (dir / "all.sqlite").string()}).exit_code, 0);
  std::vector<std::string> merge = {"sweep", "merge"};
  std::int64_t total = 0;
  for (int i = 0; i < 3; ++i) {
    const auto db = (dir / ("shard" + std::to_string(i) + ".sqlite")).string();
    // Shard 1 takes its index from Slurm's array variables, the others from --shard.
    const auto result = i == 1 ? run_cli({"sweep", "run", sweep.string(), "--db", db},
                                         {{"SLURM_ARRAY_TASK_ID", "1"}, {"SLURM_ARRAY_TASK_COUNT", "3"}})
                               : run_cli({"sweep", "run", sweep.string(), "--db", db, "--shard", std::to_string(i) + "/3"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    total += stored_runs(db);
    EXPECT_LE(stored_runs(db), 11);
    merge.push_back(db);
  }
  EXPECT_EQ(total, 32);
  merge.insert(merge.end(), {"--db", (dir / "merged.sqlite").string(), "--require-complete"});
  const auto merged = run_cli(merge);
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_NE(merged.out.find("32 runs (0 failed) of 32 planned, 0 missing"), std::string::npos) << merged.out;
  expect_same_results(dir / "all.sqlite", dir / "merged.sqlite");

  // Two shards only: the merge says what is missing, and --require-complete fails.
  const auto partial = run_cli({"sweep", "merge", merge[2], merge[3], "--db", (dir / "partial.sqlite").string(),
                                "--require-complete"});
  EXPECT_EQ(partial.exit_code, 1);
  EXPECT_NE(partial.err.find("missing"), std::string::npos) << partial.err;
  EXPECT_NE(partial.err.find("nothing was written"), std::string::npos) << partial.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "partial.sqlite"));
  EXPECT_FALSE(std::filesystem::exists(dir / "partial.sqlite.merging"));
  // Without --require-complete the same merge is written, and says what is missing.
  const auto lenient = run_cli({"sweep", "merge", merge[2], merge[3], "--db", (dir / "lenient.sqlite").string()});
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
  EXPECT_NE(lenient.out.find("missing"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir / "lenient.sqlite"));

  // A shard of another plan is refused.
  const auto other = write_sweep(fresh_dir("shards-other"), std::string(kSmallSweep) + "routing.k = [1, 2]\n");
  const auto foreign = (dir / "foreign.sqlite").string();
  ASSERT_EQ(run_cli({"sweep", "run", other.string(), "--db", foreign, "--shard", "0/8"}).exit_code, 0);
  const auto refused = run_cli({"sweep", "merge", merge[2], foreign, "--db", (dir / "mixed.sqlite").string()});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("holds another plan"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "mixed.sqlite"));
}

TEST(SweepCommand, RefusesDatabasesItShouldNotWriteInto) {
  const auto dir = fresh_dir("refuse");
  const auto sweep = write_sweep(dir, kSmallSweep);
  const auto db = (dir / "r.sqlite").string();
  ASSERT_EQ(run_cli({"sweep", "run", sweep.string(), "--db", db, "--filter", "router == 'greedy'"}).exit_code, 0);
  const auto exists = run_cli({"sweep", "run", sweep.string(), "--db", db});
  EXPECT_EQ(exists.exit_code, 2);
  EXPECT_NE(exists.err.find("pass --resume"), std::string::npos);

  const auto other = write_sweep(fresh_dir("refuse-other"), std::string(kSmallSweep) + "routing.k = [1, 2]\n");
  const auto plan = run_cli({"sweep", "run", other.string(), "--db", db, "--resume"});
  EXPECT_EQ(plan.exit_code, 2);
  EXPECT_NE(plan.err.find("another plan"), std::string::npos) << plan.err;

  std::ofstream(dir / "junk.sqlite") << std::string(4096, 'j');
  const auto junk = run_cli({"sweep", "run", sweep.string(), "--db", (dir / "junk.sqlite").string(), "--resume"});
  EXPECT_EQ(junk.exit_code, 2);
  EXPECT_NE(junk.err.find("not a SQLite database"), std::string::npos) << junk.err;
  for (const char* command : {"report", "diff"}) {
    const auto read = std::string(command) == "report"
                          ? run_cli({"report", (dir / "junk.sqlite").string()})
                          : run_cli({"sweep", "diff", db, (dir / "junk.sqlite").string()});
    EXPECT_EQ(read.exit_code, 2) << command;
    EXPECT_NE(read.err.find("not a SQLite database"), std::string::npos) << read.err;
  }
}

TEST(SweepCommand, FailingRunsAreRecordedOrStopTheSweep) {
  const auto dir = fresh_dir("failures");
  const auto sweep = write_sweep(dir, "scenario = 'default'\nrouters = ['greedy', 'hash']\n[set]\nlength.tokens = 2048\n"
                                      "[grid]\nexperts.count = [0, 8]\n");
  const auto db = (dir / "f.sqlite").string();
  const auto run = run_cli({"sweep", "run", sweep.string(), "--db", db, "--jobs", "2"});
  EXPECT_EQ(run.exit_code, 1) << run.err;  // the failures are stored, but the sweep did not succeed
  EXPECT_EQ(last_line(run.out), "total 4, ok 2, failed 2, skipped 0");
  auto store = results::ResultsStore::open(db, false);
  auto failed = store.database().prepare("SELECT error, tokens FROM runs WHERE status = 'failed'");
  ASSERT_TRUE(failed.step());
  EXPECT_NE(failed.text(0).find("experts.count"), std::string::npos) << failed.text(0);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(failed.cell(1)));

  const auto retried = run_cli({"sweep", "run", sweep.string(), "--db", db, "--resume", "--retry-failed"});
  EXPECT_EQ(last_line(retried.out), "total 4, ok 0, failed 2, skipped 2");

  const auto stopped = run_cli({"sweep", "run", sweep.string(), "--db", (dir / "s.sqlite").string(), "--jobs", "1",
                                "--stop-on-error"});
  EXPECT_EQ(stopped.exit_code, 1);
  EXPECT_NE(stopped.err.find("--stop-on-error"), std::string::npos);
  EXPECT_EQ(last_line(stopped.out), "total 4, ok 0, failed 1, skipped 0");
}

// Router parameters are checked against the routers' schemas when the sweep is planned, in every
// point's scenario: a sweep that would fail runs for them is refused before any run starts.
TEST(SweepCommand, BadRouterParametersAreRefusedAtPlanTime) {
  const auto dir = fresh_dir("router-params");
  const auto sweep = write_sweep(dir, "scenario = 'default'\nrouters = [\n  'greedy',\n"
                                      "  { name = 'power_of_two', label = 'p2', params = { choices = 3 } },\n]\n"
                                      "[set]\nlength.tokens = 2048\n[grid]\nrouting.capacity_factor = [1.0, 1.5]\n");
  for (const char* command : {"plan", "run"}) {
    SCOPED_TRACE(command);
    const auto db = dir / "never.sqlite";
    const auto result = std::string(command) == "plan"
                            ? run_cli({"sweep", "plan", sweep.string()})
                            : run_cli({"sweep", "run", sweep.string(), "--db", db.string()});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find(sweep.string() + ":4:3: routers[1].params.choices: router 'power_of_two' has no "
                                               "parameter 'choices'"),
              std::string::npos)
        << result.err;
    EXPECT_FALSE(std::filesystem::exists(db));  // refused before the database or any run
  }
  // A bound that depends on the point: eligible_experts <= experts.count fails only at count 4.
  const auto bounded = write_sweep(dir, "scenario = 'default'\nrouters = [{ name = 'phase', params = "
                                        "{ eligible_experts = 6 } }]\n[grid]\nexperts.count = [8, 4]\n");
  const auto plan = run_cli({"sweep", "plan", bounded.string()});
  EXPECT_EQ(plan.exit_code, 2);
  EXPECT_NE(plan.err.find("routers[0].params.eligible_experts"), std::string::npos) << plan.err;
  EXPECT_NE(plan.err.find("(at point experts.count = 4)"), std::string::npos) << plan.err;
}

TEST(SweepCommand, BadInputExitsWithCode2AndAPosition) {
  const auto dir = fresh_dir("bad");
  const auto sweep = write_sweep(dir, "scenario = 'default'\n[grid]\nrouting.kk = [1, 2]\n");
  const auto result = run_cli({"sweep", "plan", sweep.string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(sweep.string() + ":3:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("did you mean 'k'"), std::string::npos) << result.err;

  const auto good = write_sweep(dir, kSmallSweep);
  const auto filter = run_cli({"sweep", "plan", good.string(), "--filter", "router = 'hash'"});
  EXPECT_EQ(filter.exit_code, 2);
  EXPECT_NE(filter.err.find("--filter"), std::string::npos);
  const auto shard = run_cli({"sweep", "plan", good.string(), "--shard", "3/3"});
  EXPECT_EQ(shard.exit_code, 2);
  const auto slurm = run_cli({"sweep", "plan", good.string()}, {{"SLURM_ARRAY_TASK_ID", "5"}, {"SLURM_ARRAY_TASK_COUNT", "4"}});
  EXPECT_EQ(slurm.exit_code, 2);
  EXPECT_NE(slurm.err.find("SLURM_ARRAY_TASK_ID"), std::string::npos);
  EXPECT_EQ(run_cli({"sweep", "plan", (dir / "missing.toml").string()}).exit_code, 2);
}

TEST(SweepCommand, PlanListsEveryRun) {
  const auto dir = fresh_dir("plan");
  const auto sweep = write_sweep(dir, kSmallSweep);
  const auto plan = run_cli({"sweep", "plan", sweep.string()});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_NE(plan.out.find("runs: 32\n"), std::string::npos);
  const std::string listing = plan.out.substr(plan.out.find("\nrun_id") + 1);
  EXPECT_EQ(std::count(listing.begin(), listing.end(), '\n'), 1 + 32);  // the header line, then one line per run
  const auto shard = run_cli({"sweep", "plan", sweep.string(), "--shard", "1/4", "--count"});
  EXPECT_NE(shard.out.find("runs: 32 (selected: 8, shard 1/4)"), std::string::npos) << shard.out;
}

TEST(SweepCommand, ReportSummarizesAndRanks) {
  const auto dir = fresh_dir("report");
  const auto sweep = write_sweep(dir, kSmallSweep);
  const auto db = (dir / "r.sqlite").string();
  ASSERT_EQ(run_cli({"sweep", "run", sweep.string(), "--db", db}).exit_code, 0);
  const auto markdown = run_cli({"report", db});
  ASSERT_EQ(markdown.exit_code, 0) << markdown.err;
  EXPECT_NE(markdown.out.find("## Ranking per point"), std::string::npos);
  EXPECT_NE(markdown.out.find("| routing.capacity_factor | tokens.zipf_s | ranking |"), std::string::npos);
  EXPECT_NE(markdown.out.find(" ± "), std::string::npos);
  const auto files = run_cli({"report", db, "--out", (dir / "out").string(), "--rank-by", "fill_ratio:desc"});
  ASSERT_EQ(files.exit_code, 0) << files.err;
  const std::string ranking = testing::read_text(dir / "out/ranking.csv");
  EXPECT_EQ(ranking.substr(0, ranking.find('\n')),
            "point_id,routing.capacity_factor,tokens.zipf_s,rank,router,metric,mean,ci95");
  EXPECT_EQ(std::count(ranking.begin(), ranking.end(), '\n'), 1 + 4 * 4);
  const std::string summary = testing::read_text(dir / "out/summary.csv");
  EXPECT_EQ(std::count(summary.begin(), summary.end(), '\n'), 1 + 4 * 4);
  EXPECT_TRUE(std::filesystem::exists(dir / "out/report.md"));
  const auto bad = run_cli({"report", db, "--rank-by", "speed"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("load_max_over_mean"), std::string::npos);
}

}  // namespace
}  // namespace routelab::cli
