#include "scenarios/training/semantic_source.hpp"

#include "scenarios/workloads/semantic_clusters.hpp"

namespace routelab {

std::optional<SemanticSpace> semantic_space(const ScenarioSpec& scenario) {
  const WorkloadSpec& workload = scenario.workload;
  if (workload.kind != TokenKind::semantic) return std::nullopt;
  return SemanticSpace{workload.semantic.dim, workload.semantic.classes,
                       class_centres(workload.semantic, scenario.simulation.master_seed)};
}

}  // namespace routelab
