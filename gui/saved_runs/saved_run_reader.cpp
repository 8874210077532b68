#include "gui/saved_runs/saved_run_reader.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "scenarios/scenario_loader.hpp"
#include "scenarios/scenario_overrides.hpp"
#include "scenarios/sweeps/sweep_scenario.hpp"

namespace routelab::gui {

namespace {

std::string read_text(const std::filesystem::path& path, const std::string& why_needed) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SavedRunError(path.string() + ": missing (" + why_needed + ")");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json read_json(const std::filesystem::path& path, const std::string& why_needed) {
  const std::string text = read_text(path, why_needed);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    throw SavedRunError(path.string() + ": not valid JSON (" + error.what() + ")");
  }
}

// The field `key` of `object` as the JSON type `is_type` accepts; else an error naming file and field.
template <typename Check>
const nlohmann::json& field(const nlohmann::json& object, const std::string& key, const std::filesystem::path& file,
                            const std::string& path, const char* expected, Check is_type) {
  if (!object.is_object() || !object.contains(key))
    throw SavedRunError(file.string() + ": " + path + ": missing");
  const nlohmann::json& value = object.at(key);
  if (!is_type(value)) throw SavedRunError(file.string() + ": " + path + ": expected " + expected);
  return value;
}

bool is_hex16(const std::string& text) {
  return text.size() == 16 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

SavedRun read_saved_run(const std::filesystem::path& directory) {
  SavedRun saved;
  saved.directory = directory;
  if (!std::filesystem::is_directory(directory)) throw SavedRunError(directory.string() + ": not a directory");
  const auto summary_path = directory / "summary.json";
  const nlohmann::json summary =
      read_json(summary_path, "written last by `routelab run/compare --out`: without it the result is incomplete");
  const auto is_string = [](const nlohmann::json& v) { return v.is_string(); };
  const auto is_count = [](const nlohmann::json& v) { return v.is_number_unsigned(); };
  const std::string source =
      field(summary, "source", summary_path, "source", "a string (the scenario's file or builtin:NAME)", is_string)
          .get<std::string>();
  const auto& routers = field(summary, "routers", summary_path, "routers", "a non-empty list of runs",
                              [](const nlohmann::json& v) { return v.is_array() && !v.empty(); });
  for (std::size_t i = 0; i < routers.size(); ++i) {
    const std::string at = "routers[" + std::to_string(i) + "]";
    ExpectedFingerprint run;
    run.router = field(routers[i], "router", summary_path, at + ".router", "a router name", is_string).get<std::string>();
    run.replication = field(routers[i], "replication", summary_path, at + ".replication", "a count >= 0", is_count)
                          .get<std::uint64_t>();
    if (routers[i].contains("layer"))
      run.layer = field(routers[i], "layer", summary_path, at + ".layer", "a layer >= 1", is_count).get<int>();
    run.fingerprint = field(routers[i], "fingerprint", summary_path, at + ".fingerprint", "16 hex digits",
                            [](const nlohmann::json& v) { return v.is_string() && is_hex16(v.get<std::string>()); })
                          .get<std::string>();
    run.where = summary_path.string() + ": " + at + ".fingerprint";
    if (std::find(saved.routers.begin(), saved.routers.end(), run.router) == saved.routers.end())
      saved.routers.push_back(run.router);
    if (std::find(saved.replications.begin(), saved.replications.end(), run.replication) == saved.replications.end())
      saved.replications.push_back(run.replication);
    saved.runs.push_back(run);
  }
  std::sort(saved.replications.begin(), saved.replications.end());

  const auto scenario_path = directory / "scenario.toml";
  const std::string toml = read_text(scenario_path, "the resolved scenario the runs were made from");
  try {
    // Parsed under the original's name, so a trace path in it resolves as it did for the run.
    saved.scenario = parse_scenario(toml, source);
    saved.scenario_toml = toml;
  } catch (const ScenarioError& error) {
    throw SavedRunError(scenario_path.string() + ": " + error.field() + ": " + sweeps::scenario_error_detail(error));
  } catch (const ConfigError& error) {
    throw SavedRunError(scenario_path.string() + ": " + error.what());
  }

  const auto provenance_path = directory / "provenance.json";
  const nlohmann::json provenance = read_json(provenance_path, "the seed and program that made the result");
  const auto seed = field(provenance, "seed", provenance_path, "seed", "the master seed (a count >= 0)", is_count)
                        .get<std::uint64_t>();
  if (!seed_override(seed)) {
    saved.scenario.simulation.master_seed = seed;  // above INT64_MAX: no TOML form, provenance carries it
  } else if (seed != saved.scenario.simulation.master_seed) {
    throw SavedRunError(provenance_path.string() + ": seed: " + std::to_string(seed) + " differs from scenario.toml's seed " +
                        std::to_string(saved.scenario.simulation.master_seed));
  }
  return saved;
}

std::vector<ExpectedFingerprint> runs_of_replication(const SavedRun& saved, std::uint64_t replication) {
  std::vector<ExpectedFingerprint> runs;
  for (const ExpectedFingerprint& run : saved.runs)
    if (run.replication == replication) runs.push_back(run);
  return runs;
}

}  // namespace routelab::gui
