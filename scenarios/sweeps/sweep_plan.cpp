#include "scenarios/sweeps/sweep_plan.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_set>

#include "scenarios/run_budget.hpp"

namespace routelab::sweeps {

namespace {

// Names the seeding scheme in every fingerprint: a run's numbers change if this scheme changes.
constexpr const char* kSeedingScheme = "seeding: sweep-point/v1";

std::optional<ExprValue> scalar(const ParamValue& value) {
  switch (value.kind) {
    case ValueKind::boolean: return value.boolean;
    case ValueKind::integer:
    case ValueKind::floating: return value.number();
    case ValueKind::string: return value.string;
    case ValueKind::composite: return std::nullopt;
  }
  return std::nullopt;
}

bool passes(const Expression& expression, const std::vector<ExprValue>& values, const std::vector<bool>& present) {
  std::vector<const ExprValue*> slots(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) slots[i] = present[i] ? &values[i] : nullptr;
  return expression.evaluate_bool(slots);
}

std::vector<bool> presence(const SweepPoint& point) {
  std::vector<bool> present;
  for (const auto& [key, value] : point.parameters) present.push_back(value.kind != ValueKind::composite);
  present.push_back(true);  // router
  present.push_back(true);  // replication
  return present;
}

std::uint64_t parse_unsigned(const std::string& text, const std::string& field) {
  std::uint64_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size())
    throw ConfigError(field, "expected a non-negative integer, got '" + text + "'");
  return value;
}

}  // namespace

std::string run_identity_text(const SweepPoint& point, const std::string& router_canonical, std::uint64_t replication) {
  return "point: " + point.canonical + "\nrouter: " + router_canonical + "\nreplication: " + std::to_string(replication);
}

std::vector<ExprValue> expression_values(const SweepFile& sweep, const SweepPoint& point, std::size_t router,
                                         std::uint64_t replication) {
  std::vector<ExprValue> values;
  values.reserve(point.parameters.size() + 2);
  for (const auto& [key, value] : point.parameters) values.push_back(scalar(value).value_or(ExprValue(false)));
  values.emplace_back(sweep.routers[router].label);
  values.emplace_back(static_cast<double>(replication));
  return values;
}

// A plan holds every run in memory (ids, fingerprints, the point's assignments): a grid of 10^9
// runs reached 7.8 GB in `plan --count` before this check (issue 16). Bytes per planned run,
// measured loosely on shipped sweeps and rounded up.
constexpr double kBytesPerPlannedRun = 512;

namespace {
void check_plan_size(const SweepFile& sweep) {
  double runs = std::max<double>(1, static_cast<double>(sweep.routers.size())) * std::max(1, sweep.replications);
  for (const auto& axis : sweep.axes) runs *= static_cast<double>(axis.size());  // a double: never overflows
  const double budget = RunBudget::for_this_machine().memory_bytes;
  if (runs * kBytesPerPlannedRun > budget)
    throw SweepError(sweep.source, 1, 1, "grid",
                     "the grid x zip x routers x replications make about " + approximate(runs) +
                         " runs, whose plan alone would need about " + approximate_bytes(runs * kBytesPerPlannedRun) +
                         " of memory, over this machine's budget of " + approximate_bytes(budget) +
                         "; split the sweep into several files or shorten the value lists");
}
}  // namespace

SweepPlan expand_plan(const SweepFile& sweep, const std::string& context_document) {
  check_plan_size(sweep);  // before the odometer allocates anything
  SweepPlan plan;
  plan.parameter_keys = sweep.parameter_keys();
  plan.combinations = sweep.combinations();
  const std::string context_hash = hex_id(context_document + "\n" + kSeedingScheme);
  std::unordered_set<std::string> ids;
  std::vector<std::size_t> odometer(sweep.axes.size(), 0);
  for (std::size_t combination = 0; combination < plan.combinations; ++combination) {
    SweepPoint point;
    for (std::size_t a = 0; a < sweep.axes.size(); ++a)
      for (const auto& parameter : sweep.axes[a].parameters)
        point.parameters.emplace_back(parameter.key, parameter.values[odometer[a]]);
    std::sort(point.parameters.begin(), point.parameters.end(),
              [](const Assignment& x, const Assignment& y) { return x.first < y.first; });
    point.canonical = canonical_assignments(point.parameters);
    point.point_id = hex_id(point.canonical);
    const std::vector<bool> present = presence(point);
    bool point_used = false;
    for (std::size_t r = 0; r < sweep.routers.size(); ++r)
      for (int rep = 0; rep < sweep.replications; ++rep) {
        const auto replication = static_cast<std::uint64_t>(rep);
        const std::vector<ExprValue> values = expression_values(sweep, point, r, replication);
        bool keep = true;
        for (const auto& constraint : sweep.constraints) {
          try {
            keep = passes(constraint.expression, values, present);
          } catch (const ExpressionError& error) {
            throw SweepError(sweep.source, constraint.position.line, constraint.position.column, "constraints",
                             "in \"" + constraint.expression.text() + "\" at " + error.what() + " (with " +
                                 point.canonical + ", router " + sweep.routers[r].label + ")");
          }
          if (!keep) break;
        }
        if (!keep) {
          ++plan.dropped_runs;
          continue;
        }
        PlannedRun run;
        run.index = plan.runs.size();
        run.point = plan.points.size();
        run.router = r;
        run.replication = replication;
        const std::string identity = run_identity_text(point, sweep.routers[r].canonical, replication);
        run.run_id = hex_id(identity);
        run.params_fingerprint = hex_id(identity + "\ncontext: " + context_hash);
        if (!ids.insert(run.run_id).second)
          throw SweepError(sweep.source, 1, 1, "(plan)", "two runs share the id " + run.run_id + " (hash collision)");
        plan.runs.push_back(std::move(run));
        point_used = true;
      }
    if (point_used) plan.points.push_back(std::move(point));
    for (std::size_t a = sweep.axes.size(); a-- > 0;) {  // the last axis turns fastest
      if (++odometer[a] < sweep.axes[a].size()) break;
      odometer[a] = 0;
    }
  }
  std::vector<std::string> entries;
  entries.reserve(plan.runs.size());
  for (const auto& run : plan.runs) entries.push_back(run.run_id + " " + run.params_fingerprint);
  std::sort(entries.begin(), entries.end());
  std::string all;
  for (const auto& entry : entries) all += entry + "\n";
  plan.plan_fingerprint = hex_id(all);
  return plan;
}

Shard parse_shard(const std::string& text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) throw ConfigError("--shard", "expected i/n (e.g. 0/4), got '" + text + "'");
  Shard shard;
  shard.index = parse_unsigned(text.substr(0, slash), "--shard");
  shard.count = parse_unsigned(text.substr(slash + 1), "--shard");
  if (shard.count < 1 || shard.index >= shard.count)
    throw ConfigError("--shard", "expected 0 <= i < n in i/n, got '" + text + "'");
  return shard;
}

std::optional<Shard> shard_from_slurm(const std::string& task_id, const std::string& task_count,
                                      const std::string& task_min, const std::string& task_step) {
  if (task_id.empty() || task_count.empty()) return std::nullopt;
  const std::uint64_t id = parse_unsigned(task_id, "SLURM_ARRAY_TASK_ID");
  const std::uint64_t count = parse_unsigned(task_count, "SLURM_ARRAY_TASK_COUNT");
  const std::uint64_t min = task_min.empty() ? 0 : parse_unsigned(task_min, "SLURM_ARRAY_TASK_MIN");
  const std::uint64_t step = task_step.empty() ? 1 : parse_unsigned(task_step, "SLURM_ARRAY_TASK_STEP");
  if (count < 1 || step < 1 || id < min || (id - min) % step != 0 || (id - min) / step >= count)
    throw ConfigError("SLURM_ARRAY_TASK_ID",
                      "task " + task_id + " is not one of " + task_count + " tasks starting at " +
                          (task_min.empty() ? "0" : task_min) + " with step " + (task_step.empty() ? "1" : task_step) +
                          " (submit the array as --array=0-N or pass --shard i/n)");
  return Shard{static_cast<std::size_t>((id - min) / step), static_cast<std::size_t>(count)};
}

std::vector<std::size_t> select_runs(const SweepFile& sweep, const SweepPlan& plan, const Expression* filter,
                                     Shard shard) {
  std::vector<std::size_t> kept;
  for (const auto& run : plan.runs) {
    if (filter) {
      const SweepPoint& point = plan.points[run.point];
      try {
        if (!passes(*filter, expression_values(sweep, point, run.router, run.replication), presence(point))) continue;
      } catch (const ExpressionError& error) {
        throw ConfigError("--filter", "in \"" + filter->text() + "\" at " + error.what());
      }
    }
    kept.push_back(run.index);
  }
  std::vector<std::size_t> selected;
  for (std::size_t i = shard.index; i < kept.size(); i += shard.count) selected.push_back(kept[i]);
  return selected;
}

}  // namespace routelab::sweeps
