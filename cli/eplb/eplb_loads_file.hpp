#pragma once
// The expert loads `routelab eplb --loads FILE.json` reads: a JSON array of layers, each an array
// of non-negative expert loads (numbers), every layer with the same number of experts.
#include <string>
#include <vector>

namespace routelab::cli {

// Throws IoError when the file cannot be read, ConfigError naming the file and the field
// (e.g. "loads.json: [1][3]") when it is not such an array.
std::vector<std::vector<float>> read_eplb_loads(const std::string& path);

}  // namespace routelab::cli
