#include "scenarios/run_builder/run_builder.hpp"

#include <filesystem>

#include "core/errors.hpp"
#include "scenarios/run_builder/run_workload.hpp"
#include "scenarios/training/semantic_source.hpp"

namespace routelab {

std::vector<RouterSpec> RunBuilder::default_routers(const ScenarioSpec& scenario) const {
  if (!scenario.routers.empty()) return scenario.routers;
  const bool semantic = semantic_space(scenario).has_value();
  std::vector<RouterSpec> all;
  for (const auto& entry : registry_.entries())
    if ((!entry.needs_trace || scenario.trace.enabled()) && (semantic || !entry.trainer))
      all.push_back(RouterSpec{entry.name, {}});
  return all;
}

RouterSpec RunBuilder::ready_router(const ScenarioSpec& scenario, const RouterSpec& router) const {
  const RouterInfo& info = registry_.find(router.name);  // unknown names fail here, for this router
  RouterSpec ready = router;
  if (!info.trainer || !ready.model_json.empty()) return ready;
  if (ready.params.has("model")) {
    const std::filesystem::path path(ready.params.get_string("model", ""));
    const std::filesystem::path scenario_file(scenario.source);
    std::error_code ec;  // never a filesystem_error for an odd source name
    if (path.is_relative() && std::filesystem::is_regular_file(scenario_file, ec))
      ready.params.set("model", (scenario_file.parent_path() / path).string());
    return ready;
  }
  // Trained on the scenario's own training stream: one model serves every replication.
  const auto model = models_.get(scenario, ready, registry_);
  ready.model_json = model->json;
  ready.model_source = model->source;
  ready.training_seconds = model->seconds;
  return ready;
}

std::unique_ptr<PreparedRun> RunBuilder::build(const ScenarioSpec& scenario, const RunKey& key,
                                               std::span<MetricsSink* const> sinks) const {
  const RouterSpec router = ready_router(scenario, key.router);
  if (key.layer > 0) return std::make_unique<PreparedRun>(scenario_for_layer(scenario, key.layer), router,
                                                          key.replication, registry_, sinks);
  return std::make_unique<PreparedRun>(scenario, router, key.replication, registry_, sinks);
}

}  // namespace routelab
