#pragma once
// Everything a router factory needs, typed: the router is built fully from this (seed included).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace routelab {

// Router-specific parameters from a scenario (e.g. `reseed = "per_batch"`), read through typed
// getters that name the offending key on error. Which keys a router takes, their types and ranges
// are its ParamSchema's business (router_parameters.hpp), checked before the router is built.
class RouterParams {
 public:
  RouterParams() = default;
  explicit RouterParams(std::map<std::string, std::string> values) : values_(std::move(values)) {}

  void set(const std::string& key, std::string value) { values_[key] = std::move(value); }
  bool has(const std::string& key) const { return values_.count(key) != 0; }
  std::string get_string(const std::string& key, const std::string& fallback) const;
  double get_double(const std::string& key, double fallback) const;
  std::int64_t get_int(const std::string& key, std::int64_t fallback) const;
  const std::map<std::string, std::string>& values() const { return values_; }

 private:
  std::map<std::string, std::string> values_;
};

struct RouterConfig {
  std::string name;
  std::uint64_t seed = 0;
  int num_experts = 1;
  int k = 1;
  double capacity_factor = 0.0;
  std::vector<double> expert_speed;  // empty: all 1
  RouterParams params;
  std::uint64_t replication = 0;  // which replication the router runs in (its seed already depends on it)
  // Learned routers only: a trained model (JSON text) and where it came from (a file named by the
  // `model` parameter, or "trained in-process"). Empty: the router reads the `model` file itself.
  std::string model_json = {};
  std::string model_source = {};
};

}  // namespace routelab
