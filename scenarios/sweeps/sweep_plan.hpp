#pragma once
// Expands a sweep file into its runs: the cartesian product of the axes (grid keys and [[zip]]
// tables), minus the combinations a constraint drops, times the routers, times the replications.
// Every run gets a stable id, the hash of its canonical parameters, router and replication, so
// ids do not depend on the order of anything in the file or on how runs are scheduled.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/sweeps/sweep_expression.hpp"
#include "scenarios/sweeps/sweep_file.hpp"
#include "scenarios/sweeps/sweep_values.hpp"

namespace routelab::sweeps {

struct SweepPoint {
  std::vector<Assignment> parameters;  // sorted by key
  std::string canonical;               // canonical_assignments(parameters)
  std::string point_id;                // hex_id of the canonical parameters
};

struct PlannedRun {
  std::size_t index = 0;   // position in the plan (point-major, then router, then replication)
  std::size_t point = 0;   // index into SweepPlan::points
  std::size_t router = 0;  // index into SweepFile::routers
  std::uint64_t replication = 0;
  std::string run_id;
  std::string params_fingerprint;  // run id's text plus everything else the run depends on
};

struct SweepPlan {
  std::vector<std::string> parameter_keys;  // sorted
  std::size_t combinations = 0;             // points before constraints
  std::size_t dropped_runs = 0;             // (point, router, replication) triples constraints dropped
  std::vector<SweepPoint> points;           // points with at least one run left
  std::vector<PlannedRun> runs;
  std::string plan_fingerprint;  // hash of every run's (id, fingerprint), in id order
};

// The canonical text a run id hashes (exposed for documentation and tests).
std::string run_identity_text(const SweepPoint& point, const std::string& router_canonical, std::uint64_t replication);

// Expands the plan; `context_document` is the base scenario after [set] and seed (see
// SweepScenarioBuilder::context_document). Throws SweepError when a constraint cannot be
// evaluated (a type error) or when two runs would share an id.
SweepPlan expand_plan(const SweepFile& sweep, const std::string& context_document);

// The values a constraint or filter sees for one run: parameters (numbers, strings, booleans;
// lists and tables are null), then the router's label, then the replication.
std::vector<ExprValue> expression_values(const SweepFile& sweep, const SweepPoint& point, std::size_t router,
                                         std::uint64_t replication);

struct Shard {
  std::size_t index = 0;  // 0-based
  std::size_t count = 1;
};

// "i/n" with 0 <= i < n; throws ConfigError("--shard").
Shard parse_shard(const std::string& text);
// A shard from Slurm's job-array variables (ids may start anywhere and step by more than 1);
// nullopt when task_id or task_count is empty. Throws ConfigError naming the variable.
std::optional<Shard> shard_from_slurm(const std::string& task_id, const std::string& task_count,
                                      const std::string& task_min, const std::string& task_step);

// The runs one process executes: those the filter keeps (all when none), then every n-th of them
// starting at shard i. Disjoint across i and together exactly the filtered runs, for any n.
// Throws ConfigError("--filter") when the filter cannot be evaluated.
std::vector<std::size_t> select_runs(const SweepFile& sweep, const SweepPlan& plan, const Expression* filter,
                                     Shard shard);

}  // namespace routelab::sweeps
