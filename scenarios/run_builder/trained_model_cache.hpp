#pragma once
// Trained models of learned routers, kept for the whole process: a learned router without a model
// file is trained once per (scenario digest, router name, router parameters) and every run that
// asks for the same key -- every replication of a comparison, every sweep run at that point, every
// router session of the app -- gets the same model. Thread-safe; concurrent requests for one key
// train it once, and a training failure is remembered and rethrown for that key.
#include <cstddef>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "routers/router_registry.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab {

struct CachedModel {
  std::string json;
  std::string source;   // where it came from, for the reports
  double seconds = 0;   // wall clock of the one training
  std::int64_t tokens = 0;
};

class TrainedModelCache {
 public:
  // The model for `router` on `scenario`, trained now if no run has asked for this key before.
  std::shared_ptr<const CachedModel> get(const ScenarioSpec& scenario, const RouterSpec& router,
                                         const RouterRegistry& registry);
  std::size_t trainings() const;  // how many models were trained (distinct keys asked for)

  // The key: what training reads. Two requests with equal keys get the same model.
  static std::string key(const ScenarioSpec& scenario, const RouterSpec& router);

 private:
  struct Slot {
    std::once_flag once;
    std::shared_ptr<const CachedModel> model;
    std::exception_ptr error;
  };
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Slot>> slots_;
};

}  // namespace routelab
