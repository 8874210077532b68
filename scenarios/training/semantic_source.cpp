#include "scenarios/training/semantic_source.hpp"

namespace routelab {

std::optional<SemanticSpace> semantic_space(const ScenarioSpec& scenario) {
  (void)scenario;  // TEMPORARY: wired to the semantic-clusters workload when it lands on main
  return std::nullopt;
}

}  // namespace routelab
