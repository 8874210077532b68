#pragma once
// What `run` and `compare` write besides the terminal: the JSON text (never throwing on odd
// bytes) and the `--out` directory as one transaction (engine/output_transaction.hpp).
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/scenario_options.hpp"
#include "engine/output_transaction.hpp"

namespace routelab::cli {

// Indented JSON; a string that is not valid UTF-8 (a file name with a Latin-1 byte, a trace row
// quoted in a warning) gets U+FFFD for its bad bytes instead of throwing after the whole run.
std::string dump_json(const nlohmann::ordered_json& document);

// The transaction for `--out` (null without it): checked before any run starts, so a non-empty
// directory without `--force` costs no simulation time.
std::unique_ptr<OutputTransaction> begin_output(const ScenarioOptions& options);

// Writes one file into the staging directory (before commit_output).
void write_output_file(OutputTransaction& out, const std::string& name, const std::string& text);

// Writes summary.json (the commit marker) into the staging directory and moves it into place.
void commit_output(OutputTransaction& out, const std::string& summary_json);

// The end of a `run`/`compare` result directory, shared with the desktop app's "Save run
// results": the runs' export parts joined into one file each (cli/comparison_exports.hpp), the sidecars of every CSV (provenance.json, scenario.toml, from the report's
// "provenance"), then summary.json, then the commit. Throws IoError.
void commit_comparison_output(OutputTransaction& out, const nlohmann::ordered_json& report);

}  // namespace routelab::cli
