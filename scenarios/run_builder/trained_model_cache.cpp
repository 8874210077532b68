#include "scenarios/run_builder/trained_model_cache.hpp"

#include "scenarios/run_builder/scenario_digest.hpp"
#include "scenarios/training/scenario_training.hpp"

namespace routelab {

std::string TrainedModelCache::key(const ScenarioSpec& scenario, const RouterSpec& router) {
  std::string text = scenario_digest(scenario);
  text += "router=" + router.name + "\n";
  for (const auto& [name, value] : router.params.values()) text += "router." + name + "=" + value + "\n";
  return text;
}

std::shared_ptr<const CachedModel> TrainedModelCache::get(const ScenarioSpec& scenario, const RouterSpec& router,
                                                          const RouterRegistry& registry) {
  std::shared_ptr<Slot> slot;
  {
    std::lock_guard lock(mutex_);
    auto& entry = slots_[key(scenario, router)];
    if (!entry) entry = std::make_shared<Slot>();
    slot = entry;
  }
  // Outside the map's lock: other keys train in parallel; callers of this key wait here.
  std::call_once(slot->once, [&] {
    try {
      const TrainingOutcome outcome = train_router(scenario, router, registry);
      auto model = std::make_shared<CachedModel>();
      model->json = outcome.model.json;
      model->source = "model trained in-process for '" + router.name + "'";
      model->seconds = outcome.seconds;
      model->tokens = outcome.tokens;
      slot->model = std::move(model);
    } catch (...) {
      slot->error = std::current_exception();
    }
  });
  if (slot->error) std::rethrow_exception(slot->error);
  return slot->model;
}

std::size_t TrainedModelCache::trainings() const {
  std::lock_guard lock(mutex_);
  return slots_.size();
}

}  // namespace routelab
