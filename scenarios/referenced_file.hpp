#pragma once
// A file a scenario key names (cluster.graph_file, cluster.placement_file): the path resolved
// against the scenario file (scenario_paths.hpp) and its text read. A missing or unreadable file
// is an error at the key that names it; syntax errors name the file itself.
#include <string>
#include <toml++/toml.h>

#include "scenarios/toml_table_reader.hpp"

namespace routelab {

struct ReferencedFile {
  const toml::node* key_node = nullptr;  // the scenario's string naming the file
  std::string path;                      // resolved; the source of every message about its contents
  std::string text;
};

// Reads the string at `key` of `reader` and the file it names; the key must be present.
ReferencedFile read_referenced_file(TableReader& reader, const std::string& key);

// TOML text as a table; a syntax error is a ScenarioError at its line in `source`.
toml::table parse_toml_text(std::string_view text, const std::string& source);

}  // namespace routelab
