#pragma once
// The explicit registry of routers: name, one-line description, parameter schema, factory. No
// static-constructor magic: call register_builtin_routers() on a registry value.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "routers/learned/training_set.hpp"
#include "core/router.hpp"
#include "routers/router_config.hpp"
#include "routers/router_parameters.hpp"

namespace routelab {

using RouterFactory = std::function<std::unique_ptr<Router>(const RouterConfig&)>;

struct RouterInfo {  // every member defaulted: designated initializers may leave any out
  std::string name = {};
  std::string description = {};
  bool randomized = true;  // output depends on the seed (the conformance suite checks this)
  RouterFactory factory = {};
  bool needs_trace = false;  // routes only batches carrying recorded experts (trace scenarios)
  RouterTrainer trainer = {};  // learned routers: builds the model from a training set; empty otherwise
  ParamSchema parameters = {};  // every parameter the router reads; create() rejects any other
};

class RouterRegistry {
 public:
  void add(RouterInfo info);  // throws Error on a duplicate name
  const RouterInfo& find(const std::string& name) const;  // throws UnknownNameError
  // Checks config.params against the router's schema (validate), then calls its factory.
  std::unique_ptr<Router> create(const RouterConfig& config) const;
  // Throws UnknownNameError for an unknown router, RouterParamError for a parameter its schema
  // rejects (unknown key, wrong type, out of range).
  void validate(const RouterConfig& config) const;
  std::vector<std::string> names() const;
  const std::vector<RouterInfo>& entries() const { return entries_; }

 private:
  std::vector<RouterInfo> entries_;
};

void register_builtin_routers(RouterRegistry& registry);
RouterRegistry builtin_router_registry();

}  // namespace routelab
