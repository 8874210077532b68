#pragma once
// Real runs for the QTest suites: a RunGroup of the given routers, run at full speed to its end.
#include <QSignalSpy>

#include <memory>
#include <vector>

#include "gui/run/run_group.hpp"

namespace routelab::gui::tests {

inline constexpr int kRunToEndWaitMs = 120000;  // generous: the CI machine may be busy; never a timing assertion

inline std::unique_ptr<RunGroup> run_group_to_end(const RunBuilder& builder, const ScenarioSpec& spec,
                                                  const std::vector<RouterSpec>& routers, std::uint64_t replication,
                                                  Tick window_ticks) {
  auto group = std::make_unique<RunGroup>(builder, spec, routers, replication, window_ticks,
                                          RunHistory::kDefaultDetailBudgetBytes);
  QSignalSpy finished(group.get(), &RunGroup::finished);
  group->fast();
  if (finished.count() == 0) finished.wait(kRunToEndWaitMs);
  return group;
}

}  // namespace routelab::gui::tests
