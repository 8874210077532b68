#include "scenarios/referenced_file.hpp"

#include <fstream>
#include <sstream>

#include "scenarios/scenario_paths.hpp"

namespace routelab {

ReferencedFile read_referenced_file(TableReader& reader, const std::string& key) {
  ReferencedFile file;
  file.key_node = reader.get(key);
  const std::string written = reader.string_or(key, "");
  if (written.empty()) reader.fail(file.key_node, key, "expected a file name");
  file.path = resolve_scenario_relative(written, reader.source());
  std::ifstream in(file.path, std::ios::binary);
  if (!in) reader.fail(file.key_node, key, "cannot read '" + file.path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  file.text = text.str();
  return file;
}

toml::table parse_toml_text(std::string_view text, const std::string& source) {
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    throw ScenarioError(source, static_cast<int>(where.line), static_cast<int>(where.column), "(syntax)",
                        std::string(error.description()));
  }
}

}  // namespace routelab
