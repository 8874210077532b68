#include "cli/eplb/eplb_loads_file.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "core/errors.hpp"

namespace routelab::cli {

std::vector<std::vector<float>> read_eplb_loads(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw IoError("cannot read expert loads file '" + path + "'");
  std::ostringstream text;
  text << file.rdbuf();
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& error) {
    throw ConfigError(path, std::string("not valid JSON: ") + error.what());
  }
  const auto field = [&](std::size_t layer, std::size_t expert) {
    return path + ": [" + std::to_string(layer) + "][" + std::to_string(expert) + "]";
  };
  if (!document.is_array() || document.empty())
    throw ConfigError(path, "expected a non-empty array of layers, each an array of expert loads");
  std::vector<std::vector<float>> loads;
  for (std::size_t l = 0; l < document.size(); ++l) {
    const auto& layer = document[l];
    const std::string layer_field = path + ": [" + std::to_string(l) + "]";
    if (!layer.is_array() || layer.empty()) throw ConfigError(layer_field, "expected a non-empty array of expert loads");
    if (!loads.empty() && layer.size() != loads.front().size())
      throw ConfigError(layer_field, "has " + std::to_string(layer.size()) + " experts, layer [0] has " +
                                         std::to_string(loads.front().size()));
    std::vector<float> row;
    for (std::size_t e = 0; e < layer.size(); ++e) {
      if (!layer[e].is_number()) throw ConfigError(field(l, e), "expected a number, got " + layer[e].dump());
      const double value = layer[e].get<double>();
      if (!(value >= 0)) throw ConfigError(field(l, e), "expected a load >= 0, got " + layer[e].dump());
      row.push_back(static_cast<float>(value));
    }
    loads.push_back(std::move(row));
  }
  return loads;
}

}  // namespace routelab::cli
