#include "routers/learned/model_file.hpp"

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/errors.hpp"

namespace routelab {

nlohmann::ordered_json model_document(const std::string& router, int experts, int dim) {
  nlohmann::ordered_json document;
  document["format"] = kModelFormat;
  document["version"] = kModelVersion;
  document["router"] = router;
  document["experts"] = experts;
  document["dim"] = dim;
  return document;
}

std::string dump_model(const nlohmann::ordered_json& document) { return document.dump(1) + "\n"; }

ModelText model_text(const RouterConfig& config) {
  if (!config.model_json.empty())
    return {config.model_json, config.model_source.empty() ? "model (in memory)" : config.model_source};
  if (!config.params.has("model"))
    throw ConfigError("router.model", "router '" + config.name +
                                          "' needs a trained model: set `model = \"FILE\"` in its [routers.params] "
                                          "(write one with `routelab train --router " + config.name + "`)");
  const std::string path = config.params.get_string("model", "");
  std::ifstream file(path, std::ios::binary);
  if (!file) throw IoError("cannot read model file '" + path + "'");
  std::ostringstream text;
  text << file.rdbuf();
  return {text.str(), "model file '" + path + "'"};
}

ModelReader::ModelReader(const ModelText& text, const std::string& router, int experts) : source_(text.source) {
  // The parser names no key when a number overflows a double (1e400, issue 16): remember the
  // last key it read, so the message can.
  std::string last_key;
  const auto track = [&last_key](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if (event == nlohmann::json::parse_event_t::key && parsed.is_string()) last_key = parsed.get<std::string>();
    return true;
  };
  try {
    document_ = nlohmann::json::parse(text.json, track);
  } catch (const nlohmann::json::parse_error& error) {
    fail("(syntax)", std::string("not valid JSON: ") + error.what());
  } catch (const nlohmann::json::out_of_range& error) {
    fail(last_key.empty() ? "(syntax)" : last_key,
         std::string("a number beyond the range of a double (") + error.what() + ")");
  }
  if (!document_.is_object()) fail("(document)", "expected a JSON object");
  const auto format = document_.find("format");
  if (format == document_.end() || !format->is_string() || format->get<std::string>() != kModelFormat)
    fail("format", std::string("expected \"") + kModelFormat + "\" (is this a routelab model file?)");
  const int version = integer("version", 1, 1000000);
  if (version != kModelVersion)
    fail("version", "this build reads version " + std::to_string(kModelVersion) + ", the file is version " +
                        std::to_string(version));
  const auto name = document_.find("router");
  if (name == document_.end() || !name->is_string()) fail("router", "expected the router's name");
  if (name->get<std::string>() != router)
    fail("router", "the model was trained for router '" + name->get<std::string>() + "', not '" + router + "'");
  const int stored_experts = integer("experts", 1, 1 << 22);
  if (stored_experts != experts)
    fail("experts", "the model was trained for " + std::to_string(stored_experts) + " experts, the scenario has " +
                        std::to_string(experts));
  dim_ = integer("dim", 1, 1 << 20);
  const auto parameters = document_.find("parameters");
  if (parameters == document_.end() || !parameters->is_object()) fail("parameters", "expected an object");
}

void ModelReader::fail(const std::string& key, const std::string& what) const {
  throw ConfigError("router.model", source_ + ": " + key + ": " + what);
}

int ModelReader::integer(const std::string& key, int min, int max) const {
  const auto node = document_.find(key);
  if (node == document_.end()) fail(key, "missing");
  if (!node->is_number_integer()) fail(key, "expected an integer");
  const auto value = node->get<std::int64_t>();
  if (value < min || value > max)
    fail(key, "expected an integer in " + std::to_string(min) + ".." + std::to_string(max) + ", got " +
                  std::to_string(value));
  return static_cast<int>(value);
}

double ModelReader::number(const std::string& key, double min, double max) const {
  const auto node = document_.find(key);
  if (node == document_.end()) fail(key, "missing");
  if (!node->is_number()) fail(key, "expected a number");
  const double value = node->get<double>();
  if (!(value >= min && value <= max))
    fail(key, "expected a number in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  return value;
}

std::vector<float> ModelReader::floats(const std::string& key, std::size_t count) const {
  const std::string path = "parameters." + key;
  const auto& parameters = document_["parameters"];
  const auto node = parameters.find(key);
  if (node == parameters.end()) fail(path, "missing");
  if (!node->is_array()) fail(path, "expected an array of numbers");
  if (node->size() != count)
    fail(path, "expected " + std::to_string(count) + " numbers, got " + std::to_string(node->size()));
  std::vector<float> values;
  values.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const auto& element = (*node)[i];
    if (!element.is_number()) fail(path + "[" + std::to_string(i) + "]", "expected a number");
    const double value = element.get<double>();
    if (!std::isfinite(value) || std::abs(value) > std::numeric_limits<float>::max())
      fail(path + "[" + std::to_string(i) + "]", "expected a finite number within float range");
    values.push_back(static_cast<float>(value));
  }
  return values;
}

}  // namespace routelab
