#pragma once
// Trained models on disk: one JSON object
//   {"format": "routelab-model", "version": 1, "router": NAME, "experts": E, "dim": d,
//    ...router-specific settings..., "parameters": {NAME: [numbers], ...}, "training": {...}}
// Floats are written as JSON numbers: nlohmann writes a double with enough digits to read it back
// exactly, and a float widens to a double exactly, so a model reloads bit-for-bit (tested).
// Reading validates everything and names the source and the key in every error.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "routers/router_config.hpp"

namespace routelab {

inline constexpr const char* kModelFormat = "routelab-model";
inline constexpr int kModelVersion = 1;

// A new model document with its header filled in.
nlohmann::ordered_json model_document(const std::string& router, int experts, int dim);
std::string dump_model(const nlohmann::ordered_json& document);

// The model text a learned router was configured with: config.model_json when set (trained
// in-process or read by the scenario layer), else the file named by the `model` parameter.
// Throws ConfigError("router.model") when there is neither, IoError when the file is unreadable.
struct ModelText {
  std::string json;
  std::string source;
};
ModelText model_text(const RouterConfig& config);

class ModelReader {
 public:
  // Parses and checks the header: format, version, router name, expert count.
  ModelReader(const ModelText& text, const std::string& router, int experts);

  int dim() const { return dim_; }
  int integer(const std::string& key, int min, int max) const;
  double number(const std::string& key, double min, double max) const;
  // parameters.KEY: exactly `count` finite numbers that fit a float.
  std::vector<float> floats(const std::string& key, std::size_t count) const;
  [[noreturn]] void fail(const std::string& key, const std::string& what) const;

 private:
  nlohmann::json document_;
  std::string source_;
  int dim_ = 0;
};

}  // namespace routelab
