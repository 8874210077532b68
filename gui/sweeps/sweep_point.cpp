#include "gui/sweeps/sweep_point.hpp"

#include <filesystem>
#include <optional>
#include <regex>

#include "core/errors.hpp"
#include "results/sqlite_database.hpp"
#include "scenarios/sweeps/sweep_file.hpp"
#include "scenarios/sweeps/sweep_plan.hpp"
#include "scenarios/sweeps/sweep_scenario.hpp"

namespace routelab::gui {

namespace {

constexpr std::string_view kBuiltinPrefix = "builtin:";

std::string meta_value(const results::Database& db, const std::string& key) {
  auto statement = db.prepare("SELECT value FROM meta WHERE key = ?");
  statement.bind(1, key);
  if (!statement.step()) throw Error(db.file() + ": meta." + key + ": missing (not a routelab sweep database?)");
  return statement.text(0);
}

// The folder the sweep file's `scenario = ...` was relative to: the stored resolved path minus
// the path as written (a library name or an absolute path needs none).
std::filesystem::path base_folder(const std::string& written, const std::string& resolved) {
  const std::filesystem::path as_written(written);
  if (resolved.rfind(kBuiltinPrefix, 0) == 0 || as_written.is_absolute()) return ".";
  std::filesystem::path folder(resolved);
  for (auto part = as_written.begin(); part != as_written.end(); ++part) folder = folder.parent_path();
  return folder.empty() ? "." : folder;
}

}  // namespace

SweepPointRun locate_sweep_run(const std::string& database, const std::string& run_id, const RouterRegistry& registry) {
  const results::Database db(database, results::Database::Mode::read_only);
  auto row = db.prepare(
      "SELECT params_fingerprint, replication, master_seed, status, fingerprint, router FROM runs WHERE run_id = ?");
  row.bind(1, run_id);
  if (!row.step()) throw Error(database + ": runs: no run with run_id '" + run_id + "'");
  const std::string params_fingerprint = row.text(0);
  const auto replication = static_cast<std::uint64_t>(row.integer(1));
  const std::string master_seed = row.text(2);
  if (row.text(3) != "ok") throw Error(database + ": runs[" + run_id + "].status: the run failed, there is nothing to re-run");
  const std::string fingerprint = row.text(4);

  // The sweep file's text with its own name, so an error in it says where it came from.
  const std::string sweep_text = meta_value(db, "sweep_text");
  const std::string base_scenario = meta_value(db, "base_scenario");
  const std::string source = database + ":meta.sweep_text";
  std::smatch written;  // `scenario = "..."` as the sweep file wrote it
  std::regex_search(sweep_text, written, std::regex(R"(^\s*scenario\s*=\s*["']([^"']+)["'])", std::regex::multiline));
  std::optional<sweeps::SweepFile> sweep;
  try {
    sweep.emplace(sweeps::parse_sweep_file(sweep_text, source, base_folder(written.empty() ? "" : written[1].str(), base_scenario),
                                           registry));
  } catch (const IoError& error) {
    throw Error(database + ": meta.base_scenario: cannot read '" + base_scenario + "' (" + error.what() + ")");
  }
  const sweeps::SweepScenarioBuilder builder(*sweep);
  const sweeps::SweepPlan plan = sweeps::expand_plan(*sweep, builder.context_document());
  const sweeps::PlannedRun* planned = nullptr;
  for (const auto& run : plan.runs)
    if (run.run_id == run_id) planned = &run;
  if (planned == nullptr) throw Error(database + ": runs[" + run_id + "].run_id: not in the plan of meta.sweep_text");
  if (planned->params_fingerprint != params_fingerprint)
    throw Error(database + ": runs[" + run_id + "].params_fingerprint: " + params_fingerprint + ", but the base scenario '" +
                base_scenario + "' now gives " + planned->params_fingerprint + " (it changed since the sweep)");

  SweepPointRun point;
  point.scenario = builder.scenario_for(plan.points[planned->point].parameters);
  point.scenario_toml = builder.document_for(plan.points[planned->point].parameters);
  if (std::to_string(point.scenario.simulation.master_seed) != master_seed)
    throw Error(database + ": runs[" + run_id + "].master_seed: " + master_seed + ", but the point derives " +
                std::to_string(point.scenario.simulation.master_seed));
  const sweeps::SweepRouter& router = sweep->routers[planned->router];
  point.scenario.routers = {RouterSpec{router.name, router.params}};
  point.router = router.name;
  point.label = router.label;
  point.replication = replication;
  point.expected = ExpectedFingerprint{router.name, replication, 0, fingerprint, database + ": runs[" + run_id + "].fingerprint"};
  return point;
}

}  // namespace routelab::gui
