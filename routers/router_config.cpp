#include "routers/router_config.hpp"

#include <charconv>

#include "core/errors.hpp"

namespace routelab {

std::string RouterParams::get_string(const std::string& key, const std::string& fallback) const {
  auto it = values_.find(key);
  return it == values_.end() ? fallback : it->second;
}

double RouterParams::get_double(const std::string& key, double fallback) const {
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  try {
    std::size_t used = 0;
    double value = std::stod(it->second, &used);
    if (used == it->second.size()) return value;
  } catch (const std::exception&) {
  }
  throw ConfigError("router." + key, "expected a number, got '" + it->second + "'");
}

std::int64_t RouterParams::get_int(const std::string& key, std::int64_t fallback) const {
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  std::int64_t value = 0;
  const auto* end = it->second.data() + it->second.size();
  auto [ptr, ec] = std::from_chars(it->second.data(), end, value);
  if (ec != std::errc() || ptr != end) throw ConfigError("router." + key, "expected an integer, got '" + it->second + "'");
  return value;
}

}  // namespace routelab
