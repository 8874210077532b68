#pragma once
// What an attacker who knows a router's seed and function can compute offline: the experts a key
// can be routed to, whatever the load (its footprint). Content-deterministic routers have a small
// footprint (hash: its k experts; power_of_two: its 2k candidates), so keys whose footprints lie in
// one small set of experts pile onto that set.
//
// Two ways to get a model: a known function (the table in routing_model.cpp, computed with the
// same routers/common code the routers use), or replaying the router itself on a one-token batch
// at zero load (any router; exact for stateless content-deterministic ones, meaningless, as it
// should be, for load-aware or random ones). A new content-deterministic router (e.g. the phase
// router's deterministic part) adds a line to the table, or relies on replay.
#include <cstdint>
#include <memory>
#include <span>

#include "core/types.hpp"
#include "routers/router_registry.hpp"

namespace routelab {

class RoutingModel {
 public:
  virtual ~RoutingModel() = default;
  virtual int footprint_size() const = 0;
  // Fills `out` (footprint_size() entries) with the experts `key` can land on; unused ones -1.
  virtual void footprint(std::uint64_t key, std::span<ExpertId> out) = 0;
};

// The known-function model when `target.name` has one, else a replay of the router.
std::unique_ptr<RoutingModel> make_routing_model(const RouterConfig& target, const RouterRegistry& registry);
// Always a replay of the router built from `target` (tests compare it with the known functions).
std::unique_ptr<RoutingModel> make_replay_model(const RouterConfig& target, const RouterRegistry& registry);

}  // namespace routelab
