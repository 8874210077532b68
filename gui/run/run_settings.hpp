#pragma once
// The settings of a run that the app lets a person change and the command line can set: how finely
// the views watch it, the master seed and the replication. The seed and replication pick the
// trajectory exactly as `routelab compare --seed S` picks its replication R; the window length
// picks only what the views see (display_window.hpp).
#include <cstdint>
#include <optional>

#include "core/types.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab::gui {

struct RunSettings {
  Tick window_ticks = 0;              // 0: the scenario's default (display_window.hpp)
  std::optional<std::uint64_t> seed;  // none: the scenario's master seed
  std::uint64_t replication = 0;

  bool operator==(const RunSettings&) const = default;
};

// `scenario` with the settings' seed, as `routelab compare --seed` overrides it.
inline ScenarioSpec with_seed(ScenarioSpec scenario, const RunSettings& settings) {
  if (settings.seed) scenario.simulation.master_seed = *settings.seed;
  return scenario;
}

}  // namespace routelab::gui
