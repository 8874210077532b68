#include "routers/router_registry.hpp"

#include "core/errors.hpp"

namespace routelab {

void RouterRegistry::add(RouterInfo info) {
  for (const auto& entry : entries_)
    if (entry.name == info.name) throw Error("router '" + info.name + "' is registered twice");
  entries_.push_back(std::move(info));
}

const RouterInfo& RouterRegistry::find(const std::string& name) const {
  for (const auto& entry : entries_)
    if (entry.name == name) return entry;
  throw UnknownNameError("router", name, names());
}

std::unique_ptr<Router> RouterRegistry::create(const RouterConfig& config) const {
  const RouterInfo& info = find(config.name);
  validate_router_params(config, info.parameters);
  return info.factory(config);
}

void RouterRegistry::validate(const RouterConfig& config) const {
  validate_router_params(config, find(config.name).parameters);
}

std::vector<std::string> RouterRegistry::names() const {
  std::vector<std::string> result;
  for (const auto& entry : entries_) result.push_back(entry.name);
  return result;
}

RouterRegistry builtin_router_registry() {
  RouterRegistry registry;
  register_builtin_routers(registry);
  return registry;
}

}  // namespace routelab
