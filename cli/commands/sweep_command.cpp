// `routelab sweep plan|run|merge|diff`: parameter studies over a base scenario (docs/sweeps.md).
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>

#include "cli/commands/commands.hpp"
#include "cli/sweep/interrupt_guard.hpp"
#include "cli/sweep/run_records.hpp"
#include "cli/sweep/sweep_executor.hpp"
#include "results/database_lock.hpp"
#include "results/results_compare.hpp"
#include "results/results_merge.hpp"
#include "results/results_store.hpp"
#include "scenarios/sweeps/sweep_file.hpp"
#include "scenarios/sweeps/sweep_plan.hpp"
#include "scenarios/sweeps/sweep_router_check.hpp"
#include "scenarios/sweeps/sweep_scenario.hpp"

namespace routelab::cli {

namespace {

// How many differences `sweep diff` prints before it stops looking.
constexpr std::size_t kMaxDifferencesShown = 20;

struct SelectionOptions {
  std::string file;
  std::string filter;
  std::string shard;
};

void add_selection_options(CLI::App& command, SelectionOptions& options) {
  command.add_option("file", options.file, "sweep file (TOML)")->required();
  command.add_option("--filter", options.filter, "only the runs for which this expression is true (docs/sweeps.md)");
  command.add_option("--shard", options.shard,
                     "run the i-th of n disjoint slices, as i/n (default: from SLURM_ARRAY_TASK_ID and "
                     "SLURM_ARRAY_TASK_COUNT when set)");
}

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// Everything a plan-based command needs, loaded and checked once.
struct LoadedSweep {
  sweeps::SweepFile sweep;
  std::unique_ptr<sweeps::SweepScenarioBuilder> builder;
  sweeps::SweepPlan plan;
  sweeps::Shard shard;
  std::vector<std::size_t> selected;
};

LoadedSweep load(const SelectionOptions& options, const RouterRegistry& registry) {
  LoadedSweep loaded{sweeps::load_sweep_file(options.file, registry), nullptr, {}, {}, {}};
  loaded.builder = std::make_unique<sweeps::SweepScenarioBuilder>(loaded.sweep);
  loaded.plan = sweeps::expand_plan(loaded.sweep, loaded.builder->context_document());
  sweeps::check_planned_routers(loaded.sweep, loaded.plan, *loaded.builder, registry);  // before any run starts
  if (!options.shard.empty()) {
    loaded.shard = sweeps::parse_shard(options.shard);
  } else if (auto slurm = sweeps::shard_from_slurm(environment("SLURM_ARRAY_TASK_ID"), environment("SLURM_ARRAY_TASK_COUNT"),
                                                   environment("SLURM_ARRAY_TASK_MIN"), environment("SLURM_ARRAY_TASK_STEP"))) {
    loaded.shard = *slurm;
  }
  std::unique_ptr<sweeps::Expression> filter;
  if (!options.filter.empty()) filter = std::make_unique<sweeps::Expression>(sweeps::parse_filter(loaded.sweep, options.filter));
  loaded.selected = sweeps::select_runs(loaded.sweep, loaded.plan, filter.get(), loaded.shard);
  return loaded;
}

std::string describe_axes(const sweeps::SweepFile& sweep) {
  std::string text;
  for (const auto& axis : sweep.axes) {
    if (!text.empty()) text += "; ";
    if (axis.zipped) {
      std::string keys;
      for (const auto& parameter : axis.parameters) keys += (keys.empty() ? "" : ", ") + parameter.key;
      text += fmt::format("zip({}) x{}", keys, axis.size());
    } else {
      std::string values;
      for (const auto& value : axis.parameters.front().values) values += (values.empty() ? "" : ", ") + value.canonical;
      text += fmt::format("{} [{}]", axis.parameters.front().key, values);
    }
  }
  return text.empty() ? "none" : text;
}

int plan_command(const SelectionOptions& options, bool count_only, const RouterRegistry& registry) {
  const LoadedSweep loaded = load(options, registry);
  const auto& sweep = loaded.sweep;
  const auto& plan = loaded.plan;
  std::vector<std::string> invalid(plan.points.size());
  std::size_t invalid_points = 0;
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    try {
      loaded.builder->scenario_for(plan.points[p].parameters);
    } catch (const ConfigError& error) {
      invalid[p] = error.what();
      ++invalid_points;
    }
  }
  std::string routers;
  for (const auto& router : sweep.routers) routers += (routers.empty() ? "" : ", ") + router.label;
  fmt::print("sweep {} ({})\nbase scenario: {}\nparameters: {}\nrouters: {}\nreplications: {}\n", sweep.name,
             sweep.source, sweep.base_source, describe_axes(sweep), routers, sweep.replications);
  fmt::print("combinations: {}, runs dropped by constraints: {}\nplan fingerprint: {}\n", plan.combinations,
             plan.dropped_runs, plan.plan_fingerprint);
  fmt::print("runs: {}", plan.runs.size());
  if (loaded.selected.size() != plan.runs.size())
    fmt::print(" (selected: {}, shard {}/{})", loaded.selected.size(), loaded.shard.index, loaded.shard.count);
  fmt::print("\n");
  if (invalid_points > 0) fmt::print("invalid points: {} (their runs will fail and be recorded)\n", invalid_points);
  if (count_only) return 0;
  fmt::print("\n{:<16}  {:<16}  {:<16}  {:>4}  {}\n", "run_id", "point_id", "router", "rep", "parameters");
  for (const std::size_t index : loaded.selected) {
    const auto& run = plan.runs[index];
    const auto& point = plan.points[run.point];
    fmt::print("{:<16}  {:<16}  {:<16}  {:>4}  {}{}\n", run.run_id, point.point_id, sweep.routers[run.router].label,
               run.replication, point.canonical.empty() ? "-" : point.canonical,
               invalid[run.point].empty() ? "" : "  [invalid: " + invalid[run.point] + "]");
  }
  return 0;
}

struct RunOptions {
  SelectionOptions selection;
  std::string db;
  int jobs = 0;
  bool resume = false;
  bool retry_failed = false;
  bool stop_on_error = false;
  bool windows = false;
  std::string progress = "auto";
};

void require_same_plan(const results::ResultsStore& store, const results::StoreIdentity& wanted) {
  const auto& have = store.identity();
  if (have.plan_fingerprint != wanted.plan_fingerprint)
    throw results::ResultsError("'" + store.file() + "' holds results of another plan (sweep '" + have.sweep_name +
                                "', plan " + have.plan_fingerprint + "; this sweep's plan is " +
                                wanted.plan_fingerprint + "): use a new database");
  if (have.program_version != wanted.program_version)
    throw results::ResultsError("'" + store.file() + "' was written by routelab " + have.program_version +
                                "; this is routelab " + wanted.program_version +
                                ": resuming would mix versions in one table (use a new database)");
  if (have.columns != wanted.columns)
    throw results::ResultsError("'" + store.file() + "' has other columns than this sweep produces: use a new database");
}

int run_command(const RunOptions& options, const RouterRegistry& registry, const std::string& version) {
  const LoadedSweep loaded = load(options.selection, registry);
  results::StoreIdentity identity;
  identity.plan_fingerprint = loaded.plan.plan_fingerprint;
  identity.program_version = version;
  identity.sweep_name = loaded.sweep.name;
  identity.sweep_text = loaded.sweep.text;
  identity.base_scenario = loaded.sweep.base_source;
  identity.planned_runs = static_cast<std::int64_t>(loaded.plan.runs.size());
  identity.columns = sweep_columns(loaded.plan.parameter_keys, sweep_has_cluster(loaded.plan, *loaded.builder));

  const results::DatabaseLock lock(options.db);  // before the database is looked at or created
  std::optional<results::ResultsStore> store;
  std::error_code exists_error;  // a --db name the file system rejects fails below with its message
  if (std::filesystem::exists(options.db, exists_error)) {
    if (!options.resume)
      throw results::ResultsError("'" + options.db + "' already exists: pass --resume to continue it, or choose a new file");
    store.emplace(results::ResultsStore::open(options.db, true));
    require_same_plan(*store, identity);
    if (options.retry_failed) store->delete_failed_runs();
  } else {
    store.emplace(results::ResultsStore::create(options.db, identity));
  }
  const auto existing = store->existing_runs();
  std::vector<std::size_t> to_run;
  std::size_t skipped = 0;
  for (const std::size_t index : loaded.selected) {
    const auto& run = loaded.plan.runs[index];
    const auto found = existing.find(run.run_id);
    if (found == existing.end()) {
      to_run.push_back(index);
    } else if (found->second.params_fingerprint == run.params_fingerprint) {
      ++skipped;
    } else {
      throw results::ResultsError("run " + run.run_id + " in '" + options.db +
                                  "' was made with other parameters (fingerprint " + found->second.params_fingerprint +
                                  ", expected " + run.params_fingerprint + "): use a new database");
    }
  }
  const bool live = options.progress == "bar" || (options.progress == "auto" && isatty(fileno(stderr)));
  SweepProgress progress(stderr, live, loaded.selected.size(), skipped);
  TrainedModelCache models;
  const RunBuilder runs(registry, models);
  const RunContext context{loaded.sweep, loaded.plan, *loaded.builder, runs, identity.columns, options.windows};
  const int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const InterruptGuard interrupt;
  const ExecutionOutcome outcome =
      execute_runs(context, to_run, jobs, options.stop_on_error, *store, progress, &interrupt.requested());
  if (outcome.stopped)
    fmt::print(stderr, "routelab: stopped at the first failing run (--stop-on-error); {} runs not started\n",
               outcome.not_started);
  if (outcome.interrupted)
    fmt::print(stderr, "routelab: interrupted by signal {}; {} runs not started (the database holds every finished "
                       "run: continue with --resume)\n", interrupt.signal_number(), outcome.not_started);
  fmt::print("total {}, ok {}, failed {}, skipped {}\n", loaded.selected.size(), outcome.ok, outcome.failed, skipped);
  if (outcome.interrupted) return 128 + interrupt.signal_number();
  // Failed runs are stored with their errors, but a sweep that has them did not succeed: scripts
  // and job arrays must see it (--resume --retry-failed runs them again).
  return outcome.stopped || outcome.failed > 0 ? 1 : 0;
}

int merge_command(const std::vector<std::string>& inputs, const std::string& output, bool require_complete) {
  std::vector<std::filesystem::path> paths(inputs.begin(), inputs.end());
  const results::MergeSummary summary = results::merge_stores(paths, output, require_complete);
  const std::int64_t missing = summary.planned - summary.runs;
  if (!summary.written) {
    fmt::print(stderr, "routelab: sweep merge: {} of {} planned runs are missing from the {} inputs; with "
                       "--require-complete nothing was written to {}\n", missing, summary.planned, inputs.size(), output);
    return 1;
  }
  fmt::print("merged {} databases into {}: {} runs ({} failed) of {} planned, {} missing", inputs.size(), output,
             summary.runs, summary.failed, summary.planned, missing);
  if (summary.identical_duplicates > 0)
    fmt::print("; {} runs were in more than one input (identical results, kept once)", summary.identical_duplicates);
  fmt::print("\n");
  return require_complete && missing > 0 ? 1 : 0;
}

int diff_command(const std::string& left, const std::string& right) {
  auto a = results::ResultsStore::open(left, false);
  auto b = results::ResultsStore::open(right, false);
  const auto differences = results::compare_stores(a, b, kMaxDifferencesShown);
  for (const auto& difference : differences) fmt::print("{}\n", difference);
  if (differences.empty()) fmt::print("identical: {} runs (wall-clock columns not compared)\n", a.run_count());
  return differences.empty() ? 0 : 1;
}

}  // namespace

CommandAction add_sweep_command(CLI::App& app, const RouterRegistry& registry, const std::string& version) {
  auto* sweep = app.add_subcommand("sweep", "parameter sweeps: plan, run (SQLite results), merge shards, diff");
  sweep->require_subcommand(1, 1);

  auto plan_options = std::make_shared<SelectionOptions>();
  auto count_only = std::make_shared<bool>(false);
  auto* plan = sweep->add_subcommand("plan", "list the runs of a sweep file with their stable run ids");
  add_selection_options(*plan, *plan_options);
  plan->add_flag("--count", *count_only, "print the summary only, not every run");

  auto run_options = std::make_shared<RunOptions>();
  auto* run = sweep->add_subcommand("run", "execute a sweep into a SQLite results database");
  add_selection_options(*run, run_options->selection);
  run->add_option("--db", run_options->db, "results database (SQLite), created if missing")->required();
  run->add_option("--jobs,-j", run_options->jobs, "runs in parallel (default: every core)")->check(CLI::Range(1, 4096));
  run->add_flag("--resume", run_options->resume, "continue an existing database: skip the runs it already holds");
  run->add_flag("--retry-failed", run_options->retry_failed, "with --resume: run the recorded failures again");
  run->add_flag("--stop-on-error", run_options->stop_on_error, "stop at the first failing run (exit code 1)");
  run->add_flag("--windows", run_options->windows, "also store per-window loads (table `windows`)");
  run->add_option("--progress", run_options->progress, "progress display on stderr")
      ->check(CLI::IsMember({"auto", "bar", "lines"}))
      ->capture_default_str();

  auto merge_inputs = std::make_shared<std::vector<std::string>>();
  auto merge_output = std::make_shared<std::string>();
  auto require_complete = std::make_shared<bool>(false);
  auto* merge = sweep->add_subcommand("merge", "merge shard databases of one plan into a new database");
  merge->add_option("inputs", *merge_inputs, "shard databases")->required();
  merge->add_option("--db", *merge_output, "the merged database (must not exist)")->required();
  merge->add_flag("--require-complete", *require_complete, "exit with code 1 when planned runs are missing");

  auto diff_inputs = std::make_shared<std::vector<std::string>>();
  auto* diff = sweep->add_subcommand("diff", "compare two results databases (wall-clock columns excluded)");
  diff->add_option("databases", *diff_inputs, "two results databases")->required()->expected(2);

  return [=, &registry] {
    if (plan->parsed()) return plan_command(*plan_options, *count_only, registry);
    if (run->parsed()) return run_command(*run_options, registry, version);
    if (merge->parsed()) return merge_command(*merge_inputs, *merge_output, *require_complete);
    return diff_command((*diff_inputs)[0], (*diff_inputs)[1]);
  };
}

}  // namespace routelab::cli
