#pragma once
// What one run of a scenario returns, whichever front end ran it (CLI, sweep, app, Python).
#include <cstdint>
#include <optional>
#include <string>

#include "engine/metrics.hpp"
#include "scenarios/adversaries/adversary_report.hpp"
#include "scenarios/optimum/run_optimum.hpp"
#include "scenarios/quality/quality_observer.hpp"

namespace routelab {

struct RunResult {
  std::string router;
  std::uint64_t replication = 0;
  Summary summary;
  int layer = 0;                               // trace layer replayed (0: not a trace scenario)
  std::optional<AdversaryReport> adversary{};  // set when the scenario has an adversary
  std::optional<QualitySummary> quality{};     // semantic scenarios only (scenarios/quality)
  double training_seconds = 0;                 // in-process training of a learned router (wall clock)
  OptimumSummary optimum{};                    // the best any router could do on this run's batches
};

}  // namespace routelab
